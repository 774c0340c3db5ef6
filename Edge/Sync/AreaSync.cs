using System.Collections.Concurrent;
using VisionZero.Edge.Area;
using VisionZero.Grid;

namespace VisionZero.Edge.Sync;

/// <summary>
/// Brings the edge's corners up to date with the grid: skipped when the grid's change generation has not
/// moved; otherwise the area's corners are sent, with the digest the edge holds for each, in batches to
/// <see cref="IHistoryBatchGrain"/>, which asks them inside the cluster and answers only the corners that
/// changed; the store applies those by collision id.
/// </summary>
public sealed class AreaSync(IGrainFactory grains, EdgeGrid grid)
{
    /// <summary>Corners per call: few calls on a mobile network; an answer holds only the changed ones.</summary>
    private const int BatchSize = 500;

    private const int Concurrency = 4;

    public sealed record Result(int Corners, int Changed, int Gone, long Generation, bool Skipped);

    public async Task<Result> RunAsync(AreaSpec area, CancellationToken cancellationToken)
    {
        if (area.Pending)
            return new Result(grid.View.Corners.Count, 0, 0, grid.Generation, Skipped: true);
        var view = await grains.GetGrain<IDataClockGrain>(0).GetView();
        if (view.Generation == grid.Generation && area == grid.Area && view.AsOf == grid.AsOf)
            return new Result(grid.View.Corners.Count, 0, 0, view.Generation, Skipped: true);
        var members = await MembersAsync(area);
        var held = grid.Digests();
        var changed = new ConcurrentBag<CornerCopy>();
        var batches = members.Order(StringComparer.Ordinal)
            .Select(id => new HeldDigest(id, held.GetValueOrDefault(id)))
            .Chunk(BatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions
        {
            MaxDegreeOfParallelism = Concurrency,
            CancellationToken = cancellationToken,
        }, async (batch, _) =>
        {
            foreach (var history in await grains.GetGrain<IHistoryBatchGrain>(0).Changed([.. batch]))
                changed.Add(new CornerCopy(history.Id, history.Name, history.Borough, history.Latitude,
                    history.Longitude, history.Digest, new CrashHistory(history.Crashes)));
        });
        var gone = held.Keys.Except(members).ToList();
        grid.UseCorners(area, changed, gone, view.AsOf, view.Generation, DateTimeOffset.UtcNow);
        return new Result(members.Count, changed.Count, gone.Count, view.Generation, Skipped: false);
    }

    /// <summary>The ids of the area's corners, from the spatial cells (a centred area) or the directory.</summary>
    private async Task<HashSet<string>> MembersAsync(AreaSpec area)
    {
        IEnumerable<IntersectionPlacement> candidates;
        if (area.Latitude is { } lat && area.Longitude is { } lon && area.Ids.IsDefaultOrEmpty && area.Borough is null)
        {
            var cells = await Task.WhenAll(GeoMath.CellsWithin(lat, lon, area.RadiusM)
                .Select(key => grains.GetGrain<ISpatialCellGrain>(key).GetMembers()));
            candidates = cells.SelectMany(c => c);
        }
        else
        {
            var partitions = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
                .Select(p => grains.GetGrain<IDirectoryPartitionGrain>(p).GetAll()));
            candidates = partitions.SelectMany(p => p);
        }
        return [.. candidates.Where(area.Contains).Select(c => c.Id)];
    }
}
