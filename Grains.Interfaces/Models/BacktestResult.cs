using System.Collections.Immutable;

namespace VisionZero.Models;

/// <summary>
/// How one scorer (the model or a baseline) did at one cutoff. Capture@K: future crashes at its top K%
/// corners over the most any K% corners had. Calibration: predicted over actual crashes.
/// Confusion[actual][predicted] counts corners by class.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.BacktestResult")]
public sealed record BacktestResult(
    [property: Id(0)] string Name,
    [property: Id(1)] double Capture1,
    [property: Id(2)] double Capture5,
    [property: Id(3)] double Capture10,
    [property: Id(4)] double MacroF1,
    [property: Id(5)] double Accuracy,
    [property: Id(6)] double Mae,
    [property: Id(7)] double PoissonDeviance,
    [property: Id(8)] double Calibration,
    [property: Id(9)] ImmutableArray<ClassScore> Classes,
    [property: Id(10)] ImmutableArray<ImmutableArray<int>> Confusion);
