using System.Collections.Immutable;
using VisionZero.Grains.Risk.Live;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// One device's uplink (key: its id). Holds nothing itself: the store decides, per batch and atomically, what is
/// new, so an activation that moves or doubles during a membership change cannot store an entry twice.
/// </summary>
public sealed class EdgeDeviceGrain(IEdgeUplinkStore store, PredictionLog? predictions = null)
    : Grain, IEdgeDeviceGrain
{
    public const int MaxLogQuery = 10_000;

    public async Task<UplinkReceipt> Upload(UplinkBatch batch)
    {
        var receipt = await store.AppendAsync(DeviceId(), batch);
        Offer(batch);
        return receipt;
    }

    /// <summary>
    /// The feedback loop hears the edge as it hears the grid: each fix's nearest corner, scored by the edge's copy
    /// of a version, is a served prediction (sampled the same way; a batch sent again adds nothing, as the log keeps
    /// one prediction per version, corner and day).
    /// </summary>
    private void Offer(UplinkBatch batch)
    {
        if (predictions is null)
            return;
        foreach (var e in batch.Entries)
        {
            if (e is { ModelVersion: { } version, AsOf: { } asOf, NearestCornerId: { } corner,
                    NearestScore: { } score, NearestClass: { } riskClass })
                predictions.Offer(version, corner, asOf, score, riskClass);
        }
    }

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
