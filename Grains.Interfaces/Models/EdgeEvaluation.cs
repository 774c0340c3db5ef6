namespace VisionZero.Models;

/// <summary>
/// What one edge device measured for a model version on its own copy (vz-edge eval): the version's forecasts
/// for the area's corners as of <see cref="Cutoff"/> judged against the crashes of the 182 days after it, by the
/// backtests' own metrics (<see cref="Metrics"/>, named "model"), and how fast and how large the device ran.
/// <see cref="AsOf"/> is the edge's as-of day (the future it knew); <see cref="Intersections"/> the corners
/// judged (active at the cutoff: a crash in the 5 years before or the 182 days after), and
/// <see cref="FutureCrashes"/> their crashes in those 182 days.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.EdgeEvaluation")]
public sealed record EdgeEvaluation(
    [property: Id(0)] int Version,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] DateTimeOffset EvaluatedAt,
    [property: Id(3)] DateOnly Cutoff,
    [property: Id(4)] DateOnly AsOf,
    [property: Id(5)] string Area,
    [property: Id(6)] int Intersections,
    [property: Id(7)] int FutureCrashes,
    [property: Id(8)] BacktestResult Metrics,
    [property: Id(9)] EdgePerformance Performance);
