using VisionZero.Models;

namespace VisionZero.Scoring.Evaluation;

/// <summary>
/// The population stability index of one set of scores against a reference set: both are counted into bins cut at
/// the reference's quantiles, and each bin adds (actual share - expected share) * ln(actual / expected). Zero for
/// the same distribution; by the usual reading under 0.1 is no shift, 0.1-0.25 a moderate one, above 0.25 a large
/// one. A bin one side leaves empty is floored at <see cref="Floor"/>, so the index stays finite.
/// </summary>
public static class PopulationStability
{
    public const int DefaultBins = 10;

    public const double Floor = 1e-4;

    /// <exception cref="ArgumentException">Either set is empty, or a score is not a finite number.</exception>
    public static double Of(IReadOnlyCollection<double> expected, IReadOnlyCollection<double> actual,
        int bins = DefaultBins) =>
        Index(Bins("scores", expected, bins), actual);

    /// <summary>The reference's bins: what <see cref="Index"/> compares later values with, storable.</summary>
    /// <exception cref="ArgumentException">The set is empty, or a value is not a finite number.</exception>
    public static DriftBins Bins(string name, IReadOnlyCollection<double> reference, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        CheckFinite(reference, "reference");
        var edges = Edges(reference, bins);
        return new DriftBins(name, [.. edges], [.. Shares(reference, edges)]);
    }

    /// <summary>The index of <paramref name="actual"/> against stored bins.</summary>
    /// <exception cref="ArgumentException">The set is empty, a value is not finite, or the bins do not agree.
    /// </exception>
    public static double Index(DriftBins reference, IReadOnlyCollection<double> actual)
    {
        CheckFinite(actual, "compared");
        if (reference.Shares.Length != reference.Edges.Length + 1)
            throw new ArgumentException(
                $"the bins of {reference.Name} have {reference.Edges.Length} edges and {reference.Shares.Length} " +
                "shares: there must be one share more than edges");
        var a = Shares(actual, [.. reference.Edges]);
        var index = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var (ei, ai) = (Math.Max(reference.Shares[i], Floor), Math.Max(a[i], Floor));
            index += (ai - ei) * Math.Log(ai / ei);
        }
        return index;
    }

    private static void CheckFinite(IReadOnlyCollection<double> values, string side)
    {
        if (values.Count == 0)
            throw new ArgumentException($"the population stability index needs values on the {side} side");
        if (values.Any(s => !double.IsFinite(s)))
            throw new ArgumentException("the population stability index takes finite values only");
    }

    /// <summary>The reference's inner quantiles, each once: tied scores make fewer, wider bins.</summary>
    private static double[] Edges(IReadOnlyCollection<double> reference, int bins)
    {
        var sorted = reference.Order().ToArray();
        return Enumerable.Range(1, bins - 1)
            .Select(i => sorted[Math.Min(sorted.Length - 1, i * sorted.Length / bins)])
            .Where(edge => edge > sorted[0])
            .Distinct()
            .ToArray();
    }

    /// <summary>Each bin's share: bin k holds the scores below edge k and at or above edge k - 1.</summary>
    private static double[] Shares(IReadOnlyCollection<double> scores, double[] edges)
    {
        var counts = new double[edges.Length + 1];
        foreach (var score in scores)
        {
            var at = Array.BinarySearch(edges, score);
            counts[at >= 0 ? at + 1 : ~at]++;
        }
        return [.. counts.Select(c => c / scores.Count)];
    }
}
