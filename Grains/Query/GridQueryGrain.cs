using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VisionZero.Grid;

namespace VisionZero.Grains.Query;

/// <summary>Answers near / top / get by fanning out to cells, directory partitions and corners.</summary>
[StatelessWorker]
public sealed class GridQueryGrain(IOptions<GridOptions> options) : Grain, IGridQueryGrain
{
    public async Task<ImmutableArray<NearbyIntersection>> Near(double latitude, double longitude, double radiusM, DateOnly? asOf)
    {
        var day = asOf ?? await Clock().GetAsOf();
        if (day is null)
            return [];
        var cells = await Task.WhenAll(GeoMath.CellsWithin(latitude, longitude, radiusM)
            .Select(key => GrainFactory.GetGrain<ISpatialCellGrain>(key).GetMembers()));
        var inRange = cells.SelectMany(c => c)
            .Where(p => p.Latitude is not null && p.Longitude is not null)
            .Select(p => (p.Id, Distance: GeoMath.DistanceM(latitude, longitude, p.Latitude!.Value, p.Longitude!.Value)))
            .Where(p => p.Distance <= radiusM)
            .OrderBy(p => p.Distance).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var snapshots = await FanOut.Run(inRange, options.Value.FanOutConcurrency,
            p => GrainFactory.GetGrain<IIntersectionGrain>(p.Id).GetSnapshot(day.Value));
        return [.. snapshots.Zip(inRange)
            .Where(pair => pair.First is not null)
            .Select(pair => new NearbyIntersection(pair.First!, Math.Round(pair.Second.Distance, 1)))];
    }

    public async Task<ImmutableArray<IntersectionSnapshot>> Top(int k, DateOnly? asOf)
    {
        var day = asOf ?? await Clock().GetAsOf();
        if (day is null || k <= 0)
            return [];
        var slices = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => GrainFactory.GetGrain<IDirectoryPartitionGrain>(p).Top(k, day.Value)));
        return [.. slices.SelectMany(s => s).Order(HotspotOrder.Instance).Take(k)];
    }

    public async Task<IntersectionSnapshot?> Get(string intersectionId, DateOnly? asOf)
    {
        var day = asOf ?? await Clock().GetAsOf();
        return day is null ? null : await GrainFactory.GetGrain<IIntersectionGrain>(intersectionId).GetSnapshot(day.Value);
    }

    public async Task<int> CountIntersections()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => GrainFactory.GetGrain<IDirectoryPartitionGrain>(p).Count()));
        return counts.Sum();
    }

    private IDataClockGrain Clock() => GrainFactory.GetGrain<IDataClockGrain>(0);
}
