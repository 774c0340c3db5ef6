using System.Collections.Immutable;

namespace VisionZero.Models;

/// <summary>
/// One rolling-origin backtest: scorers trained only on snapshots whose 182-day label ended by the
/// cutoff, evaluated on the corners active at the cutoff (a crash in the 5 years before or the 182 days after).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.BacktestReport")]
public sealed record BacktestReport(
    [property: Id(0)] DateOnly Cutoff,
    [property: Id(1)] int Intersections,
    [property: Id(2)] int FutureCrashes,
    [property: Id(3)] ImmutableArray<BacktestResult> Results);
