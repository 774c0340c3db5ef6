using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Client.Tests;

/// <summary>Devices and log entries as vz edge shows them: generated ids, long corner ids, every class.</summary>
public static class UplinkSampleRows
{
    private static readonly DateTimeOffset Seen = new(2026, 12, 4, 18, 20, 5, TimeSpan.Zero);

    public static IReadOnlyList<EdgeDeviceSummary> Devices() =>
    [
        new("edge-3f9a0c1b2d4e", Seen.AddDays(-12), Seen, 1_234_567, 1_240_001, 5_434, Seen.AddSeconds(-40),
            40.61832, -73.93215, 12),
        new("truck_7.north-bronx-depot", Seen.AddDays(-3), Seen.AddHours(-5), 86_400, 86_400, 0, null, null, null,
            null),
        new("edge-00aa11bb22cc", Seen.AddDays(-1), Seen.AddMinutes(-2), 727, 727, 0, Seen.AddMinutes(-3),
            40.58411, -73.91770, 11),
    ];

    public static IReadOnlyList<UplinkEntry> Entries() =>
        [.. Enumerable.Range(0, 10).Select(i => new UplinkEntry(1_240_000L + i, Seen.AddSeconds(i),
            40.62238 - i * 1e-4, -73.93667, i % 3 == 0 ? null : 11.2, i % 3 == 0 ? null : 184,
            i % 4 == 0 ? null : 12, new DateOnly(2026, 11, 26), i % 6 == 5 ? null : (RiskClass)(i % 5), 3.41 * i,
            i % 6 == 5 ? null : "cross-bronx-expressway-service-road-north--westchester-avenue", i % 2 == 0))];
}
