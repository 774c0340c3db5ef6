using System.Collections.Immutable;

namespace VisionZero.Models;

/// <summary>
/// A version's drift on the data clock's day: each feature's and the predictions' PSI over the active corners of that
/// day against the bins stored with the version. <see cref="Drifted"/> when one of them passed
/// <see cref="Threshold"/>; <see cref="Why"/> says which, or why nothing was compared (no profile, no data).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.ModelDrift")]
public sealed record ModelDrift(
    [property: Id(0)] int Version,
    [property: Id(1)] DateOnly? DataAsOf,
    [property: Id(2)] DateOnly? TrainedFrom,
    [property: Id(3)] DateOnly? TrainedTo,
    [property: Id(4)] int Rows,
    [property: Id(5)] ImmutableArray<FeatureDrift> Features,
    [property: Id(6)] double? PredictionPsi,
    [property: Id(7)] double Threshold,
    [property: Id(8)] bool Drifted,
    [property: Id(9)] string Why);
