using VisionZero.Models;

namespace VisionZero.Api;

/// <summary>Stage names as people type and read them (lower case), for vz and the API alike.</summary>
public static class StageNames
{
    public static string Name(ModelStage stage) => stage.ToString().ToLowerInvariant();

    public static string All => string.Join(", ", Enum.GetValues<ModelStage>().Select(Name));

    /// <summary>
    /// Exactly one stage's name, in any case. Not Enum.TryParse: it would take "staging,canary" as the
    /// flags 1|2 = production, and numbers as well.
    /// </summary>
    public static bool TryParse(string? text, out ModelStage stage)
    {
        foreach (var known in Enum.GetValues<ModelStage>())
            if (string.Equals(text?.Trim(), Name(known), StringComparison.OrdinalIgnoreCase))
            {
                stage = known;
                return true;
            }
        stage = default;
        return false;
    }
}
