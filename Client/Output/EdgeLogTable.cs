using System.Collections.Immutable;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Client.Output;

/// <summary>Human output of vz edge log: one row per uploaded fix with its answer, oldest first.</summary>
public static class EdgeLogTable
{
    public static void Write(CliOutput output, EdgeDeviceSummary device, ImmutableArray<UplinkEntry> entries)
    {
        if (entries.IsEmpty)
            output.Warning($"Device {device.DeviceId} has no stored entries.");
        else
        {
            var left = TextTable.Write(output, Content(entries));
            if (left.Count > 0)
                output.Note($"not shown at {output.Width} columns: {string.Join(", ", left)}; --json has every field");
        }
        output.Note($"device {device.DeviceId}: {device.Entries:N0} entries stored, complete through " +
            $"{device.Confirmed:N0}, {device.Dropped:N0} dropped unsent");
        output.Note("times in UTC; class and expected crashes: the answer the device gave");
    }

    /// <summary>
    /// A narrow terminal keeps the number, the time and the class the device answered, then its expected crashes
    /// and model; the corner id, long and unbreakable, goes before them.
    /// </summary>
    public static TableContent Content(IReadOnlyList<UplinkEntry> entries) =>
        TableContent.From(entries, [
            (TextColumn.Number("seq"), (e, _) => e.Seq.ToString(EdgeDeviceTable.Invariant)),
            (TextColumn.Label("time"), (e, _) => EdgeDeviceTable.Time(e.Time)),
            (TextColumn.Label("position", dropOrder: 6), (e, _) => EdgeDeviceTable.Position(e.Latitude, e.Longitude)),
            (TextColumn.Label("class"), (e, _) => e.HighestClass is { } c ? RiskClassNames.Display(c) : "-"),
            (TextColumn.Number("expected", dropOrder: 8), (e, _) => e.ExpectedCrashes.ToString("F2",
                EdgeDeviceTable.Invariant)),
            (TextColumn.Label("nearest corner", dropOrder: 4), (e, _) => e.NearestCornerId ?? "-"),
            (TextColumn.Number("model", dropOrder: 7), (e, _) => EdgeDeviceTable.Version(e.ModelVersion)),
            (TextColumn.Label("as of", dropOrder: 3), (e, _) => e.AsOf?.ToString("yyyy-MM-dd") ?? "-"),
            (TextColumn.Label("stale", dropOrder: 5), (e, _) => e.Stale ? "stale" : "-"),
            (TextColumn.Number("km/h", dropOrder: 1), (e, _) => e.SpeedMetersPerSecond is { } s
                ? (s * 3.6).ToString("F0", EdgeDeviceTable.Invariant)
                : "-"),
            (TextColumn.Number("course", dropOrder: 2), (e, _) => e.CourseDegrees is { } c
                ? c.ToString("F0", EdgeDeviceTable.Invariant)
                : "-"),
        ]);
}
