using VisionZero.Models;

namespace VisionZero.Client.Output;

/// <summary>Stage names as operators type and read them: lower case.</summary>
public static class Stages
{
    public static string Name(ModelStage stage) => stage.ToString().ToLowerInvariant();

    public static ModelStage Parse(string text) =>
        Enum.TryParse<ModelStage>(text.Trim(), ignoreCase: true, out var stage) && Enum.IsDefined(stage)
            ? stage
            : throw new UserInputException(
                $"--to must be one of {string.Join(", ", Enum.GetValues<ModelStage>().Select(Name))}, not '{text}'");
}
