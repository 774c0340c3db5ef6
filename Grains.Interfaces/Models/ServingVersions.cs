namespace VisionZero.Models;

/// <summary>What the silos serve: the production version, and the canary that scores a slice of the corners.</summary>
[GenerateSerializer, Immutable, Alias("vz.ServingVersions")]
public sealed record ServingVersions(
    [property: Id(0)] ModelVersionInfo? Production,
    [property: Id(1)] ModelVersionInfo? Canary);
