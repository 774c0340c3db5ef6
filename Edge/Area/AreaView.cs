using VisionZero.Grid;
using VisionZero.Risk;
using VisionZero.Scoring;

namespace VisionZero.Edge.Area;

/// <summary>
/// What the edge answers from, swapped whole when the model, the corners or the as-of day change: every
/// corner scored once by the model (so a lookup only searches space), and a grid of ~110 m buckets.
/// </summary>
public sealed class AreaView
{
    private const double BucketDegrees = 0.001;
    private readonly Dictionary<(int, int), List<int>> _buckets = [];

    public AreaView(IReadOnlyList<CornerCopy> corners, RiskModel? model, DateOnly? asOf)
    {
        Corners = corners;
        Model = model;
        AsOf = asOf;
        Risks = new RiskAssessment?[corners.Count];
        for (var i = 0; i < corners.Count; i++)
        {
            var corner = corners[i];
            if (model is not null && asOf is { } day)
                Risks[i] = Assess(model, corner, day);
            if (corner.Latitude is { } lat && corner.Longitude is { } lon)
            {
                var key = Bucket(lat, lon);
                if (!_buckets.TryGetValue(key, out var list))
                    _buckets[key] = list = [];
                list.Add(i);
            }
        }
    }

    public static AreaView Empty { get; } = new([], null, null);

    public IReadOnlyList<CornerCopy> Corners { get; }

    public RiskModel? Model { get; }

    public DateOnly? AsOf { get; }

    /// <summary>Each corner's forecast as of <see cref="AsOf"/> (null without a model), by index.</summary>
    public RiskAssessment?[] Risks { get; }

    /// <summary>The grains' own computation: features from the corner's crashes, scored by the version.</summary>
    public static RiskAssessment Assess(RiskModel model, CornerCopy corner, DateOnly asOf)
    {
        Span<float> features = stackalloc float[RiskFeatures.FixedCount];
        RiskFeatures.Compute(corner.History, asOf, corner.Borough, features);
        return model.Assess(features);
    }

    /// <summary>Corners within <paramref name="radiusM"/>, nearest first, as indexes with their distances.</summary>
    public List<(int Index, double DistanceM)> Near(double latitude, double longitude, double radiusM)
    {
        var found = new List<(int, double)>();
        var (row, column) = Bucket(latitude, longitude);
        var reachLat = (int)Math.Ceiling(radiusM / 111_000 / BucketDegrees);
        var reachLon = (int)Math.Ceiling(radiusM / (111_000 * Math.Cos(latitude * Math.PI / 180)) / BucketDegrees);
        for (var r = row - reachLat; r <= row + reachLat; r++)
        for (var c = column - reachLon; c <= column + reachLon; c++)
        {
            if (!_buckets.TryGetValue((r, c), out var list))
                continue;
            foreach (var i in list)
            {
                var corner = Corners[i];
                var distance = GeoMath.DistanceM(latitude, longitude, corner.Latitude!.Value, corner.Longitude!.Value);
                if (distance <= radiusM)
                    found.Add((i, distance));
            }
        }
        found.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return found;
    }

    private static (int, int) Bucket(double latitude, double longitude) =>
        ((int)Math.Floor(latitude / BucketDegrees), (int)Math.Floor(longitude / BucketDegrees));
}
