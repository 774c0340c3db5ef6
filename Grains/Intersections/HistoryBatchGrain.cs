using System.Collections.Immutable;
using Orleans.Concurrency;
using VisionZero.Grid;

namespace VisionZero.Grains.Intersections;

/// <summary>Asks each corner of a batch for its history inside the cluster, so the client pays one call.</summary>
[StatelessWorker]
public sealed class HistoryBatchGrain : Grain, IHistoryBatchGrain
{
    private const int Concurrency = 64;

    public async Task<ImmutableArray<IntersectionHistory>> Changed(ImmutableArray<HeldDigest> held)
    {
        if (held.IsDefault)
            throw new ArgumentException("no corners were given", nameof(held));
        if (held.Length > IHistoryBatchGrain.MaxCorners)
            throw new ArgumentException(
                $"{held.Length} corners in one call; at most {IHistoryBatchGrain.MaxCorners}", nameof(held));
        for (var i = 0; i < held.Length; i++)
            if (held[i]?.Id is not { Length: > 0 and <= 300 } id || !CrashData.IntersectionKey.LooksLikeId(id))
                throw new ArgumentException($"corner {i + 1} of the batch is not an intersection id", nameof(held));
        var histories = await FanOut.Run(held, Concurrency,
            corner => GrainFactory.GetGrain<IIntersectionGrain>(corner.Id).GetHistory(corner.Digest));
        return [.. histories.Where(h => h is { Unchanged: false }).Select(h => h!)];
    }
}
