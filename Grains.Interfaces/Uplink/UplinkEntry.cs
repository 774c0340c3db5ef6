using VisionZero.Risk;

namespace VisionZero.Uplink;

/// <summary>
/// One GPS fix an edge answered, with its answer, as the edge logged it for retraining and evaluation.
/// Seq is the device's own sequence number: 1, 2, 3 ..., never reused; (device, Seq) names the entry.
/// </summary>
/// <param name="Time">When the receiver took the fix.</param>
/// <param name="ModelVersion">The version that answered; null when the edge held none yet.</param>
/// <param name="AsOf">The day the edge's copy of the windows ends on.</param>
/// <param name="HighestClass">The highest class among the corners within the radius; null when none.</param>
/// <param name="ExpectedCrashes">Their expected crashes over the next 6 months, summed.</param>
/// <param name="NearestCornerId">The nearest corner within the radius; null when none.</param>
/// <param name="Stale">The edge was out of touch with the grid when it answered.</param>
/// <param name="NearestScore">The nearest corner's own forecast (expected crashes); null when none was scored.</param>
/// <param name="NearestClass">The nearest corner's own class; null when none was scored.</param>
[GenerateSerializer, Immutable, Alias("vz.UplinkEntry")]
public sealed record UplinkEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] double Latitude,
    [property: Id(3)] double Longitude,
    [property: Id(4)] double? SpeedMetersPerSecond,
    [property: Id(5)] double? CourseDegrees,
    [property: Id(6)] int? ModelVersion,
    [property: Id(7)] DateOnly? AsOf,
    [property: Id(8)] RiskClass? HighestClass,
    [property: Id(9)] double ExpectedCrashes,
    [property: Id(10)] string? NearestCornerId,
    [property: Id(11)] bool Stale,
    [property: Id(12)] double? NearestScore = null,
    [property: Id(13)] RiskClass? NearestClass = null);
