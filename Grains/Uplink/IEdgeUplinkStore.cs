using System.Collections.Immutable;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// Where the edges' uploaded logs live: PostgreSQL (vz_edge_device, vz_edge_log) or memory on the embedded
/// default. Entries are never changed or deleted once stored; a device's row says how far its log is complete.
/// </summary>
public interface IEdgeUplinkStore
{
    /// <summary>
    /// Checks the batch against what is stored for the device (<see cref="UplinkSequence"/>) and stores its new
    /// entries, atomically: a refused batch (an ArgumentException) stores nothing.
    /// </summary>
    Task<UplinkReceipt> AppendAsync(string deviceId, UplinkBatch batch, CancellationToken cancellationToken = default);

    Task<EdgeDeviceSummary?> GetDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Every device, most recently seen first.</summary>
    Task<ImmutableArray<EdgeDeviceSummary>> ListDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary>The device's last <paramref name="count"/> entries, oldest first.</summary>
    Task<ImmutableArray<UplinkEntry>> LastEntriesAsync(
        string deviceId, int count, CancellationToken cancellationToken = default);
}
