using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Client.Output;

/// <summary>What vz edge devices and vz edge log print with --json: every field, classes by display name.</summary>
public static class EdgeUplinkJson
{
    public static object Device(EdgeDeviceSummary d) => new
    {
        d.DeviceId,
        d.FirstSeen,
        d.LastSeen,
        d.Entries,
        d.Confirmed,
        d.Dropped,
        d.LastFixTime,
        d.LastLatitude,
        d.LastLongitude,
        d.LastModelVersion,
    };

    public static object Entry(UplinkEntry e) => new
    {
        e.Seq,
        e.Time,
        e.Latitude,
        e.Longitude,
        e.SpeedMetersPerSecond,
        e.CourseDegrees,
        e.ModelVersion,
        e.AsOf,
        HighestClass = e.HighestClass is { } c ? RiskClassNames.Display(c) : null,
        e.ExpectedCrashes,
        e.NearestCornerId,
        e.Stale,
    };
}
