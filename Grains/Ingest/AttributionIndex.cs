using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// The corners near a run's coordinate-only crashes, each placed where it will stand once the run's
/// changes are applied: the spatial cells' corners, asked again where this run changes them, and the
/// corners this run introduces at the median of their new crashes.
/// </summary>
internal sealed class AttributionIndex
{
    // Attribution looks tens of metres around a point, so the index uses its own buckets (at least the
    // radius wide in both directions, 1 degree of longitude being ~84 km here), not the 2 km cells.
    private readonly Dictionary<(int, int), List<IntersectionPlacement>> _byBucket = [];
    private readonly double _bucketDegrees;

    private AttributionIndex(double radiusM) => _bucketDegrees = Math.Max(radiusM, 1) / 84_000;

    public static async Task<AttributionIndex> BuildAsync(
        IGrainFactory grains,
        IEnumerable<CoordinateOnlyCrash> crashes,
        IReadOnlyDictionary<string, PendingIntersection> pending,
        double radiusM,
        int concurrency)
    {
        // Cells as numbers first: a few hundred thousand crashes share a few thousand cells, so the keys
        // (strings) are made once per cell, not nine times per crash.
        var cells = new HashSet<(int, int)>();
        foreach (var crash in crashes)
            AddNeighbourhood(cells, crash.Entry.Latitude, crash.Entry.Longitude);
        var keys = cells.Select(c => GeoMath.CellKey(c.Item1, c.Item2)).ToList();
        var members = await FanOut.Run(keys, concurrency, key => grains.GetGrain<ISpatialCellGrain>(key).GetMembers());
        var placed = new Dictionary<string, IntersectionPlacement>(StringComparer.Ordinal);
        foreach (var placement in members.SelectMany(m => m))
            placed[placement.Id] = placement;
        // A corner this run changes is placed where it will stand once the run's crashes are applied, so the
        // answer depends on the records and not on which of them arrived in an earlier run: a corner already
        // placed asks its grain (its history is there); a new one is the median of this run's crashes.
        var changed = new List<(string Id, PendingIntersection Corner)>();
        foreach (var (id, corner) in pending)
        {
            if (placed.ContainsKey(id))
                changed.Add((id, corner));
            else if (corner.Name is not null && corner.AnyCrashWithCoordinates() is { } crash &&
                     NeighbourhoodTouches(cells, crash.Latitude, crash.Longitude) &&
                     corner.ProvisionalLocation() is { } location)
                placed[id] = new IntersectionPlacement(id, corner.Name, location.Latitude, location.Longitude,
                    corner.Borough, 0);
        }
        var after = await FanOut.Run(changed, concurrency, c => grains.GetGrain<IIntersectionGrain>(c.Id)
            .PlacementAfter(new IntersectionDelta(
                c.Corner.Name, [.. c.Corner.Upserts], [.. c.Corner.Removals], c.Corner.Borough)));
        foreach (var placement in after)
            placed[placement.Id] = placement;
        var index = new AttributionIndex(radiusM);
        foreach (var placement in placed.Values)
            index.Add(placement);
        return index;
    }

    public IntersectionPlacement? Nearest(double latitude, double longitude, double radiusM)
    {
        IntersectionPlacement? best = null;
        var bestDistance = double.MaxValue;
        var (row, column) = Bucket(latitude, longitude);
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = column - 1; c <= column + 1; c++)
            {
                if (!_byBucket.TryGetValue((r, c), out var corners))
                    continue;
                foreach (var corner in corners)
                {
                    var d = GeoMath.DistanceM(latitude, longitude, corner.Latitude!.Value, corner.Longitude!.Value);
                    // Ties go to the smaller id so the answer never depends on enumeration order.
                    if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(corner.Id, best!.Id) < 0))
                        (best, bestDistance) = (corner, d);
                }
            }
        }
        return bestDistance <= radiusM ? best : null;
    }

    private void Add(IntersectionPlacement placement)
    {
        if (placement.Latitude is not { } lat || placement.Longitude is not { } lon)
            return;
        var key = Bucket(lat, lon);
        if (!_byBucket.TryGetValue(key, out var list))
            _byBucket[key] = list = [];
        list.Add(placement);
    }

    private (int, int) Bucket(double latitude, double longitude) =>
        ((int)Math.Floor(latitude / _bucketDegrees), (int)Math.Floor(longitude / _bucketDegrees));

    private static void AddNeighbourhood(HashSet<(int, int)> cells, double latitude, double longitude)
    {
        var (row, column) = GeoMath.CellOf(latitude, longitude);
        for (var r = row - 1; r <= row + 1; r++)
            for (var c = column - 1; c <= column + 1; c++)
                cells.Add((r, c));
    }

    private static bool NeighbourhoodTouches(HashSet<(int, int)> cells, double latitude, double longitude)
    {
        var (row, column) = GeoMath.CellOf(latitude, longitude);
        for (var r = row - 1; r <= row + 1; r++)
            for (var c = column - 1; c <= column + 1; c++)
                if (cells.Contains((r, c)))
                    return true;
        return false;
    }
}
