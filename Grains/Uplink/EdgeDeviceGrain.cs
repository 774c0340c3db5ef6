using System.Collections.Immutable;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// One device's uplink (key: its id). Holds nothing itself: the store decides, per batch and atomically, what is
/// new, so an activation that moves or doubles during a membership change cannot store an entry twice.
/// </summary>
public sealed class EdgeDeviceGrain(IEdgeUplinkStore store) : Grain, IEdgeDeviceGrain
{
    public const int MaxLogQuery = 10_000;

    public Task<UplinkReceipt> Upload(UplinkBatch batch) => store.AppendAsync(DeviceId(), batch);

    public Task<EdgeDeviceSummary?> GetSummary() => store.GetDeviceAsync(DeviceId());

    public Task<ImmutableArray<UplinkEntry>> GetLog(int last)
    {
        var id = DeviceId();
        if (last is < 1 or > MaxLogQuery)
            throw new ArgumentException($"the last {last} entries: ask for 1 to {MaxLogQuery}");
        return store.LastEntriesAsync(id, last);
    }

    /// <summary>The key, when it is a device id; a hostile key is refused and its activation not kept.</summary>
    private string DeviceId()
    {
        var id = this.GetPrimaryKeyString();
        if (EdgeDeviceIds.Problem(id) is not { } problem)
            return id;
        DeactivateOnIdle();
        throw new ArgumentException($"refused: {problem}");
    }
}
