using VisionZero.Api;
using VisionZero.Models;

namespace VisionZero.Client.Output;

/// <summary>Stage names on the command line: a wrong one is the user's to fix.</summary>
public static class Stages
{
    public static string Name(ModelStage stage) => StageNames.Name(stage);

    public static ModelStage Parse(string text) =>
        StageNames.TryParse(text, out var stage)
            ? stage
            : throw new UserInputException($"--to must be one of {StageNames.All}, not '{text}'");
}
