using VisionZero.Risk;

namespace VisionZero.Models;

/// <summary>
/// One served prediction kept for the feedback loop: which version said what about which corner as of which day.
/// A (version, corner, day) is kept once: the same question answered again says the same.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.PredictionRecord")]
public sealed record PredictionRecord(
    [property: Id(0)] int Version,
    [property: Id(1)] string IntersectionId,
    [property: Id(2)] DateOnly AsOf,
    [property: Id(3)] double Score,
    [property: Id(4)] RiskClass Class,
    [property: Id(5)] DateTimeOffset LoggedAt);
