namespace VisionZero.Models;

/// <summary>One feature's (or the predictions') population stability index against the training window.</summary>
[GenerateSerializer, Immutable, Alias("vz.FeatureDrift")]
public sealed record FeatureDrift(
    [property: Id(0)] string Name,
    [property: Id(1)] double Psi);
