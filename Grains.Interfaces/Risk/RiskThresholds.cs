using System.Collections.Immutable;

namespace VisionZero.Risk;

/// <summary>
/// The four cut points between the five classes, in expected crashes over the next 182 days.
/// A score below Cuts[0] is Safe, at or above Cuts[3] Dangerous. Stored with each model version,
/// so a class always means what it meant when that version was trained.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.RiskThresholds")]
public sealed record RiskThresholds([property: Id(0)] ImmutableArray<double> Cuts)
{
    public const int ClassCount = 5;

    public RiskClass Classify(double score)
    {
        var i = 0;
        while (i < Cuts.Length && score >= Cuts[i])
            i++;
        return (RiskClass)i;
    }

    /// <summary>
    /// The chance that the crashes actually counted over the next 182 days fall in each class, when
    /// they follow a Poisson law with the score as its mean. Counts are whole, so class k holds the
    /// counts n with Cuts[k-1] &lt;= n &lt; Cuts[k].
    /// </summary>
    public ImmutableArray<double> Probabilities(double score)
    {
        var mean = Math.Max(score, 1e-9);
        var result = new double[ClassCount];
        var top = (int)Math.Ceiling(Cuts[^1]);
        var term = Math.Exp(-mean); // P(N = 0)
        var below = 0.0;
        for (var n = 0; n < top; n++)
        {
            result[(int)Classify(n)] += term;
            below += term;
            term *= mean / (n + 1);
        }
        result[ClassCount - 1] = Math.Max(0, 1 - below);
        return [.. result];
    }

    /// <summary>Cut points from the 6-month counts seen in training: the shares of active corners per class.</summary>
    public static RiskThresholds FromCounts(IReadOnlyList<int> futureCounts, ReadOnlySpan<double> quantiles)
    {
        var sorted = futureCounts.Order().ToArray();
        var cuts = new double[quantiles.Length];
        var previous = 0.5;
        for (var i = 0; i < quantiles.Length; i++)
        {
            var at = sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(quantiles[i] * sorted.Length))];
            // Half-way between whole counts, strictly increasing: every count lands in exactly one class.
            cuts[i] = Math.Max(at + 0.5, i == 0 ? previous : cuts[i - 1] + 1);
        }
        return new RiskThresholds([.. cuts]);
    }
}
