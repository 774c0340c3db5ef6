using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VisionZero.Grid;

namespace VisionZero.Grains.Query;

/// <summary>Answers near / top / get by fanning out to cells, directory partitions and corners.</summary>
[StatelessWorker]
public sealed class GridQueryGrain(IOptions<GridOptions> options, SnapshotCache cache) : Grain, IGridQueryGrain
{
    public async Task<ImmutableArray<NearbyIntersection>> Near(
        double latitude, double longitude, double radiusM, DateOnly? asOf)
    {
        var view = await Clock().GetView();
        var day = asOf ?? view.AsOf;
        if (day is null)
            return [];
        var bucket = cache.For(view.Generation);
        var cells = await Task.WhenAll(
            GeoMath.CellsWithin(latitude, longitude, radiusM).Select(key => MembersAsync(bucket, key)));
        var inRange = Within(cells, latitude, longitude, radiusM);
        var snapshots = await FanOut.Run(
            inRange, options.Value.FanOutConcurrency, p => SnapshotAsync(bucket, p.Id, day.Value));
        return [.. snapshots.Zip(inRange)
            .Where(pair => pair.First is not null)
            .Select(pair => new NearbyIntersection(pair.First!, Math.Round(pair.Second.Distance, 1)))];
    }

    public Task<ImmutableArray<IntersectionSnapshot>> Top(int k, DateOnly? asOf) => TopAsync(null, k, asOf);

    public Task<ImmutableArray<IntersectionSnapshot>> TopIn(string borough, int k, DateOnly? asOf) =>
        TopAsync(borough, k, asOf);

    private async Task<ImmutableArray<IntersectionSnapshot>> TopAsync(string? borough, int k, DateOnly? asOf)
    {
        var view = await Clock().GetView();
        var day = asOf ?? view.AsOf;
        if (day is null || k <= 0)
            return [];
        // The whole grid's ranking is kept per day until an ingest or a new model: a hotspot list for
        // New York asks every one of its 150,000 corners, so only the first query of a day pays for it.
        var bucket = cache.For(view.Generation);
        var ranking = await bucket.RankingAsync(day.Value, () => RankAsync(bucket, day.Value), borough);
        return k >= ranking.Length ? ranking : ranking[..k];
    }

    /// <summary>
    /// Every corner ranked as of the day. The snapshots it gathered are the ones a query by id or by area would ask
    /// for, so they are kept for those too: once the ranking is warm, no corner is asked again until the next change.
    /// </summary>
    private async Task<ImmutableArray<IntersectionSnapshot>> RankAsync(SnapshotCache.Bucket bucket, DateOnly day)
    {
        var slices = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => GrainFactory.GetGrain<IDirectoryPartitionGrain>(p).Top(int.MaxValue, day)));
        var ranking = slices.SelectMany(s => s).Order(HotspotOrder.Instance).ToImmutableArray();
        // A snapshot already cached stays: answers keep their JSON by snapshot instance.
        foreach (var snapshot in ranking)
            if (!bucket.TryGet(snapshot.Id, day, out _))
                bucket.Add(snapshot.Id, day, snapshot);
        return ranking;
    }

    public async Task<IntersectionSnapshot?> Get(string intersectionId, DateOnly? asOf)
    {
        var view = await Clock().GetView();
        var day = asOf ?? view.AsOf;
        return day is null ? null : await SnapshotAsync(cache.For(view.Generation), intersectionId, day.Value);
    }

    public async Task<int> CountIntersections()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => GrainFactory.GetGrain<IDirectoryPartitionGrain>(p).Count()));
        return counts.Sum();
    }

    /// <summary>
    /// Members within the radius, nearest first (ties by id): a box test first, the distance only inside it.
    /// </summary>
    private static List<(string Id, double Distance)> Within(
        ImmutableArray<IntersectionPlacement>[] cells, double latitude, double longitude, double radiusM)
    {
        var dLat = radiusM / 111_000.0;
        var dLon = radiusM / (111_000.0 * Math.Cos(latitude * Math.PI / 180));
        var found = new List<(string Id, double Distance)>();
        foreach (var cell in cells)
            foreach (var p in cell)
            {
                if (p.Latitude is not { } lat
                    || p.Longitude is not { } lon
                    || Math.Abs(lat - latitude) > dLat
                    || Math.Abs(lon - longitude) > dLon)
                    continue;
                var distance = GeoMath.DistanceM(latitude, longitude, lat, lon);
                if (distance <= radiusM)
                    found.Add((p.Id, distance));
            }
        found.Sort((x, y) => x.Distance != y.Distance
            ? x.Distance.CompareTo(y.Distance)
            : string.CompareOrdinal(x.Id, y.Id));
        return found;
    }

    private async Task<IntersectionSnapshot?> SnapshotAsync(SnapshotCache.Bucket bucket, string id, DateOnly day)
    {
        if (bucket.TryGet(id, day, out var cached))
            return cached;
        var snapshot = await GrainFactory.GetGrain<IIntersectionGrain>(id).GetSnapshot(day);
        bucket.Add(id, day, snapshot);
        return snapshot;
    }

    private async Task<ImmutableArray<IntersectionPlacement>> MembersAsync(SnapshotCache.Bucket bucket, string key)
    {
        if (bucket.TryGetCell(key, out var cached))
            return cached;
        var members = await GrainFactory.GetGrain<ISpatialCellGrain>(key).GetMembers();
        bucket.AddCell(key, members);
        return members;
    }

    private IDataClockGrain Clock() => GrainFactory.GetGrain<IDataClockGrain>(0);
}
