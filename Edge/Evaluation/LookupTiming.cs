using System.Diagnostics;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;

namespace VisionZero.Edge.Evaluation;

/// <summary>
/// How fast the edge answers a fix: <see cref="RiskLookup.Answer"/> at positions scattered uniformly within
/// <see cref="RiskLookup.DefaultRadiusM"/> of corners drawn at random from the area, each with a heading (a
/// moving device's fix, which also looks ahead for danger), timed one by one after a warm-up. Percentiles by
/// nearest rank. Seeded, so two runs on one copy ask the same positions.
/// </summary>
public static class LookupTiming
{
    public const int DefaultLookups = 10_000;

    private const int WarmUp = 500;
    private const double MetresPerDegree = 111_320;

    public static (double P50Microseconds, double P99Microseconds) Measure(EdgeGrid grid, int lookups, int seed = 15)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookups, 1);
        var placed = grid.View.Corners.Where(c => c.Latitude is not null && c.Longitude is not null).ToList();
        if (placed.Count == 0)
            throw new EvaluationRefusedException(
                "no corner of the edge's area has a location: there is nowhere to time a lookup",
                EvaluationRefusedException.NothingToEvaluate);
        var lookup = new RiskLookup(grid);
        var random = new Random(seed);
        var time = DateTimeOffset.UtcNow;
        var elapsed = new double[lookups];
        for (var i = -WarmUp; i < lookups; i++)
        {
            var corner = placed[random.Next(placed.Count)];
            var (latitude, longitude) = Near(corner.Latitude!.Value, corner.Longitude!.Value, random);
            var course = random.NextDouble() * 360;
            var start = Stopwatch.GetTimestamp();
            lookup.Answer(latitude, longitude, course, time, stale: false);
            var took = Stopwatch.GetElapsedTime(start);
            if (i >= 0)
                elapsed[i] = took.TotalMicroseconds;
        }
        Array.Sort(elapsed);
        return (Percentile(elapsed, 0.50), Percentile(elapsed, 0.99));
    }

    /// <summary>A point uniform in the disc around the corner (the square root keeps the density even).</summary>
    private static (double Latitude, double Longitude) Near(double latitude, double longitude, Random random)
    {
        var distance = RiskLookup.DefaultRadiusM * Math.Sqrt(random.NextDouble());
        var angle = random.NextDouble() * 2 * Math.PI;
        var north = distance * Math.Cos(angle) / MetresPerDegree;
        var east = distance * Math.Sin(angle) / (MetresPerDegree * Math.Cos(latitude * Math.PI / 180));
        return (latitude + north, longitude + east);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
