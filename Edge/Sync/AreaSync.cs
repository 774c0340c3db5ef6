using System.Collections.Concurrent;
using VisionZero.Edge.Area;
using VisionZero.Grid;

namespace VisionZero.Edge.Sync;

/// <summary>
/// Brings the edge's corners up to date with the grid: skipped when the grid's change generation has not
/// moved; otherwise each corner of the area is asked for its crashes with the digest the edge holds, so
/// only corners that changed travel, and the store applies them by collision id.
/// </summary>
public sealed class AreaSync(IGrainFactory grains, EdgeGrid grid)
{
    private const int Concurrency = 32;

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
        await Parallel.ForEachAsync(members, new ParallelOptions
        {
            MaxDegreeOfParallelism = Concurrency,
            CancellationToken = cancellationToken,
        }, async (id, _) =>
        {
            var history = await grains.GetGrain<IIntersectionGrain>(id).GetHistory(held.GetValueOrDefault(id));
            if (history is { Unchanged: false })
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
