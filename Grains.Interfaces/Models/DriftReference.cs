using System.Collections.Immutable;

namespace VisionZero.Models;

/// <summary>
/// What the drift check compares a day with, stored with the version when it is trained: each feature's bins and
/// the predictions' bins over a seeded sample of the training window's rows (<see cref="Rows"/> of them). The month
/// is left out: one day has one month by construction.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.DriftReference")]
public sealed record DriftReference(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] int Rows,
    [property: Id(3)] ImmutableArray<DriftBins> Features,
    [property: Id(4)] DriftBins Predictions);
