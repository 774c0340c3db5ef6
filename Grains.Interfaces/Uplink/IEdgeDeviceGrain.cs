using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Uplink;

/// <summary>
/// One edge device's uplink (key: its device id, <see cref="EdgeDeviceIds"/>). Uploads are idempotent by
/// (device, sequence number): a batch is checked whole and refused whole (an ArgumentException naming what is
/// wrong), and a batch sent again after a lost answer stores nothing twice.
/// </summary>
[Alias("vz.IEdgeDeviceGrain")]
public interface IEdgeDeviceGrain : IGrainWithStringKey
{
    /// <summary>Stores the batch's new entries; refuses a gap after what is stored, a duplicate, a bad value.</summary>
    [Alias("Upload")]
    Task<UplinkReceipt> Upload(UplinkBatch batch);

    /// <summary>The device as the grid knows it, or null when it never uploaded.</summary>
    [ReadOnly, Alias("GetSummary")]
    Task<EdgeDeviceSummary?> GetSummary();

    /// <summary>The device's last <paramref name="last"/> stored entries (1 to 10,000), oldest first.</summary>
    [ReadOnly, Alias("GetLog")]
    Task<ImmutableArray<UplinkEntry>> GetLog(int last);
}
