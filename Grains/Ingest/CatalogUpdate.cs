using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>Carries a flush's placement changes to the directory partitions and spatial cells, one call each.</summary>
internal static class CatalogUpdate
{
    public static async Task ApplyAsync(IGrainFactory grains, IReadOnlyList<PlacementChange> changes)
    {
        var named = changes.Where(c => c.After.Name.Length > 0).ToList();
        var partitions = named.GroupBy(c => DirectoryPartitions.Of(c.After.Id))
            .Select(g => grains.GetGrain<IDirectoryPartitionGrain>(g.Key).Upsert([.. g.Select(c => c.After)]));

        var upserts = new Dictionary<string, List<IntersectionPlacement>>(StringComparer.Ordinal);
        var removals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var change in named)
        {
            var newCell = CellOf(change.After);
            var oldCell = change.Before is null ? null : CellOf(change.Before);
            if (oldCell is not null && oldCell != newCell)
                Add(removals, oldCell, change.After.Id);
            if (newCell is not null)
                Add(upserts, newCell, change.After);
        }
        var cells = upserts.Keys.Union(removals.Keys).Select(key => grains.GetGrain<ISpatialCellGrain>(key).Update(
            upserts.TryGetValue(key, out var u) ? [.. u] : ImmutableArray<IntersectionPlacement>.Empty,
            removals.TryGetValue(key, out var r) ? [.. r] : ImmutableArray<string>.Empty));
        await Task.WhenAll(partitions.Concat(cells));
    }

    private static string? CellOf(IntersectionPlacement placement) =>
        placement.Latitude is { } lat && placement.Longitude is { } lon ? GeoMath.CellKeyOf(lat, lon) : null;

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }
}
