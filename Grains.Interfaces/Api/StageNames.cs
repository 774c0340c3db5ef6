using VisionZero.Models;

namespace VisionZero.Api;

/// <summary>Stage names as people type and read them (lower case), for vz and the API alike.</summary>
public static class StageNames
{
    public static string Name(ModelStage stage) => stage.ToString().ToLowerInvariant();

    public static string All => string.Join(", ", Enum.GetValues<ModelStage>().Select(Name));

    public static bool TryParse(string? text, out ModelStage stage) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out stage) && Enum.IsDefined(stage) && !int.TryParse(text, out _);
}
