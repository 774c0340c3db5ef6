using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Grains.Query;

/// <summary>Answers near / top / get by fanning out to cells, directory partitions and corners.</summary>
[StatelessWorker]
public sealed class GridQueryGrain(IOptions<GridOptions> options, SnapshotCache cache) : Grain, IGridQueryGrain
{
    public async Task<ImmutableArray<NearbyIntersection>> Near(
        double latitude, double longitude, double radiusM, DateOnly? asOf) =>
        (await Area(latitude, longitude, radiusM, int.MaxValue, asOf)).Nearest;

    public async Task<NearbyArea> Area(double latitude, double longitude, double radiusM, int limit, DateOnly? asOf)
    {
        var view = await Clock().GetView();
        var day = asOf ?? view.AsOf;
        if (day is null)
            return NearbyArea.Empty;
        var bucket = cache.For(view.Generation);
        var inRange = Within(await CellsAsync(bucket, latitude, longitude, radiusM), latitude, longitude, radiusM);
        var snapshots = await SnapshotsAsync(bucket, inRange, day.Value);
        return Summarise(snapshots, inRange, limit);
    }

    private static NearbyArea Summarise(
        IntersectionSnapshot?[] snapshots, List<(string Id, double Distance)> inRange, int limit)
    {
        var count = 0;
        var scored = 0;
        RiskClass highest = default;
        double expected = 0;
        int? version = null;
        var nearest = ImmutableArray.CreateBuilder<NearbyIntersection>(Math.Min(limit, snapshots.Length));
        for (var i = 0; i < snapshots.Length; i++)
        {
            if (snapshots[i] is not { } snapshot)
                continue;
            count++;
            if (nearest.Count < limit)
                nearest.Add(new NearbyIntersection(snapshot, Math.Round(inRange[i].Distance, 1)));
            if (snapshot.Risk is not { } risk)
                continue;
            highest = scored++ == 0 || risk.RiskClass > highest ? risk.RiskClass : highest;
            expected += risk.RiskScore;
            version ??= risk.ModelVersion;
        }
        return new NearbyArea(
            count,
            scored == 0 ? null : highest,
            scored == 0 ? null : Math.Round(expected, 3),
            version,
            nearest.DrainToImmutable());
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

    /// <summary>The corners' snapshots in order: from the cache where it has them, asking only the others.</summary>
    private async Task<IntersectionSnapshot?[]> SnapshotsAsync(
        SnapshotCache.Bucket bucket, List<(string Id, double Distance)> corners, DateOnly day)
    {
        var snapshots = new IntersectionSnapshot?[corners.Count];
        List<int>? missing = null;
        for (var i = 0; i < corners.Count; i++)
            if (!bucket.TryGet(corners[i].Id, day, out snapshots[i]))
                (missing ??= []).Add(i);
        if (missing is null)
            return snapshots;
        var fetched = await FanOut.Run(
            missing, options.Value.FanOutConcurrency, i => SnapshotAsync(bucket, corners[i].Id, day));
        for (var j = 0; j < missing.Count; j++)
            snapshots[missing[j]] = fetched[j];
        return snapshots;
    }

    private async Task<ImmutableArray<IntersectionPlacement>[]> CellsAsync(
        SnapshotCache.Bucket bucket, double latitude, double longitude, double radiusM)
    {
        var keys = GeoMath.CellsWithin(latitude, longitude, radiusM).ToList();
        var cells = new ImmutableArray<IntersectionPlacement>[keys.Count];
        var complete = true;
        for (var i = 0; i < keys.Count; i++)
            complete &= bucket.TryGetCell(keys[i], out cells[i]);
        return complete ? cells : await Task.WhenAll(keys.Select(key => MembersAsync(bucket, key)));
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
