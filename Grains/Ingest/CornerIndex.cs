using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// The corners near a run's coordinate-only crashes, as the spatial cells place them once the run's
/// named crashes have reached their corners.
/// </summary>
internal sealed class CornerIndex
{
    // Attribution looks tens of metres around a point, so the index uses its own buckets (at least the
    // radius wide in both directions, 1 degree of longitude being ~84 km here), not the 2 km cells.
    private readonly Dictionary<(int, int), List<IntersectionPlacement>> _byBucket = [];
    private readonly double _bucketDegrees;

    private CornerIndex(double radiusM) => _bucketDegrees = Math.Max(radiusM, 1) / 84_000;

    public static async Task<CornerIndex> BuildAsync(IGrainFactory grains, IEnumerable<CoordinateOnlyCrash> crashes,
        double radiusM, int concurrency)
    {
        // Cells as numbers first: a few hundred thousand crashes share a few thousand cells, so the keys
        // (strings) are made once per cell, not nine times per crash.
        var cells = new HashSet<(int, int)>();
        foreach (var crash in crashes)
            AddNeighbourhood(cells, crash.Entry.Latitude, crash.Entry.Longitude);
        var keys = cells.Select(c => GeoMath.CellKey(c.Item1, c.Item2)).ToList();
        var members = await FanOut.Run(keys, concurrency, key => grains.GetGrain<ISpatialCellGrain>(key).GetMembers());
        var index = new CornerIndex(radiusM);
        foreach (var placement in members.SelectMany(m => m))
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
}
