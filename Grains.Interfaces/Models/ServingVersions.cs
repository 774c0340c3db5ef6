namespace VisionZero.Models;

/// <summary>
/// What the silos serve: the production version, the canary that scores a slice of the corners, and the version in
/// staging, loaded beside them but answering only the rollout's load test (requests marked as staging).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.ServingVersions")]
public sealed record ServingVersions(
    [property: Id(0)] ModelVersionInfo? Production,
    [property: Id(1)] ModelVersionInfo? Canary,
    [property: Id(2)] ModelVersionInfo? Staging = null);
