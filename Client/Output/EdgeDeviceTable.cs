using System.Globalization;
using VisionZero.Uplink;

namespace VisionZero.Client.Output;

/// <summary>Human output of vz edge devices: one row per device, most recently seen first.</summary>
public static class EdgeDeviceTable
{
    public static void Write(CliOutput output, IReadOnlyList<EdgeDeviceSummary> devices)
    {
        if (devices.Count == 0)
        {
            output.Warning("No edge device has uploaded yet.");
            return;
        }
        var left = TextTable.Write(output, Content(devices));
        if (left.Count > 0)
            output.Note($"not shown at {output.Width} columns: {string.Join(", ", left)}; --json has every field");
        output.Note("times in UTC; dropped: fixes a device's full log dropped unsent");
    }

    /// <summary>A narrow terminal keeps the device, when it was last seen and how much it uploaded.</summary>
    public static TableContent Content(IReadOnlyList<EdgeDeviceSummary> devices) =>
        TableContent.From(devices, [
            (TextColumn.Name("device"), (d, _) => d.DeviceId),
            (TextColumn.Label("last seen"), (d, _) => Time(d.LastSeen)),
            (TextColumn.Number("entries", dropOrder: 8), (d, _) => d.Entries.ToString("N0", Invariant)),
            (TextColumn.Number("dropped", dropOrder: 5), (d, _) => d.Dropped.ToString("N0", Invariant)),
            (TextColumn.Label("last position", dropOrder: 6), (d, _) => Position(d.LastLatitude, d.LastLongitude)),
            (TextColumn.Number("model", dropOrder: 7), (d, _) => Version(d.LastModelVersion)),
            (TextColumn.Label("last fix", dropOrder: 3), (d, _) => d.LastFixTime is { } t ? Time(t) : "-"),
            (TextColumn.Number("confirmed", dropOrder: 2), (d, _) => d.Confirmed.ToString(Invariant)),
            (TextColumn.Label("first seen", dropOrder: 1), (d, _) => Time(d.FirstSeen)),
        ]);

    public static CultureInfo Invariant => CultureInfo.InvariantCulture;

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Position(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon ? FormattableString.Invariant($"{lat:F5},{lon:F5}") : "-";

    public static string Version(int? version) => version is { } v ? $"v{v}" : "-";
}
