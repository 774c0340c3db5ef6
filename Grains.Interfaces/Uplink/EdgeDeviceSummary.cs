namespace VisionZero.Uplink;

/// <summary>
/// One device as the grid knows it from its uploads: when it was seen, how much of its log is stored, what its
/// log says it dropped unsent, and where its latest stored fix was and which model version answered it.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.EdgeDeviceSummary")]
public sealed record EdgeDeviceSummary(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] DateTimeOffset FirstSeen,
    [property: Id(2)] DateTimeOffset LastSeen,
    [property: Id(3)] long Entries,
    [property: Id(4)] long Confirmed,
    [property: Id(5)] long Dropped,
    [property: Id(6)] DateTimeOffset? LastFixTime,
    [property: Id(7)] double? LastLatitude,
    [property: Id(8)] double? LastLongitude,
    [property: Id(9)] int? LastModelVersion);
