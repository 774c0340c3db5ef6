namespace VisionZero.Models;

/// <summary>
/// One measure the offline gate judged: the candidate minus <see cref="Against"/> on <see cref="Metric"/>, as the
/// median and 5th-95th percentiles of the corner bootstrap, and whether it held. For calibration,
/// <see cref="Against"/> is "band" and the figures are the candidate's own calibration (predicted over actual
/// crashes), judged against 1 ± the band.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.GateComparison")]
public sealed record GateComparison(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Against,
    [property: Id(2)] double Median,
    [property: Id(3)] double P05,
    [property: Id(4)] double P95,
    [property: Id(5)] double Allowed,
    [property: Id(6)] bool Held);
