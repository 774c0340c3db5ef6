using VisionZero.Models;

namespace VisionZero.Api;

/// <summary>
/// A version's rollout as `vz rollout status V --json` prints it and GET /api/models/{v}/rollout answers: the
/// version's stage now and every step's verdict, oldest first.
/// </summary>
public sealed record RolloutJson(int Version, string Stage, IReadOnlyList<RolloutStep> Steps)
{
    public static RolloutJson From(ModelVersionInfo version, IReadOnlyList<RolloutStep> steps) =>
        new(version.Version, StageNames.Name(version.Stage), steps);
}
