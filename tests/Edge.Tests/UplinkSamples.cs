using System.Collections.Immutable;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Gps;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>Log entries, fixes and answers for the uplink tests: valid unless a test changes them.</summary>
internal static class UplinkSamples
{
    public static readonly DateTimeOffset Start = new(2021, 10, 5, 13, 30, 0, TimeSpan.Zero);

    public static UplinkEntry Entry(long seq) => new(seq, Start.AddSeconds(seq), 40.6 + seq * 1e-5, -73.93,
        8.5, 181, 3, new DateOnly(2021, 11, 30), (RiskClass)(seq % 5), 1.25 + seq, $"corner-{seq % 7}", seq % 2 == 0);

    public static ImmutableArray<UplinkEntry> Entries(long from, long through) =>
        [.. Enumerable.Range(0, (int)(through - from + 1)).Select(i => Entry(from + i))];

    public static UplinkBatch Batch(long from, long through, long droppedThrough = 0) =>
        new(droppedThrough, Entries(from, through));

    public static GpsFix Fix(int second) =>
        new(Start.AddSeconds(second), 40.62 - second * 1e-4, -73.9367, 9.0, 185);

    public static AreaRisk Answer(GpsFix fix, bool stale = false) => new(fix.Time, fix.Latitude, fix.Longitude, 150,
        [new CornerRisk("avenue-u--flatbush-avenue", "Avenue U & Flatbush Avenue", 42.5, null)],
        RiskClass.SomewhatDangerous, 2.75, null, 4, new DateOnly(2021, 11, 30), stale);
}
