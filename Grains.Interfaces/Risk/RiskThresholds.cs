using System.Collections.Immutable;

namespace VisionZero.Risk;

/// <summary>
/// Where the five classes begin. <see cref="Cuts"/> define the classes on whole crash counts over the
/// next 182 days (half-integers: a count below Cuts[0] is Safe, at or above Cuts[3] Dangerous).
/// <see cref="ScoreCuts"/> are the decision rule on a score; today they equal the count cuts (two
/// fitted rules did worse out of time: docs/model.md). Both are stored with each model version, so a
/// later version can move its decision rule without a schema change.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.RiskThresholds")]
public sealed record RiskThresholds
{
    public const int ClassCount = 5;

    public RiskThresholds(ImmutableArray<double> cuts, ImmutableArray<double> scoreCuts = default)
    {
        Cuts = cuts;
        ScoreCuts = scoreCuts.IsDefault ? cuts : scoreCuts;
    }

    [Id(0)] public ImmutableArray<double> Cuts { get; init; }

    [Id(1)] public ImmutableArray<double> ScoreCuts { get; init; }

    /// <summary>The class of a score (the decision rule).</summary>
    public RiskClass Classify(double score) => ClassOf(score, ScoreCuts);

    /// <summary>The class of a count of crashes that happened.</summary>
    public RiskClass ClassOfCount(double count) => ClassOf(count, Cuts);

    /// <summary>
    /// The chance that the crashes actually counted over the next 182 days fall in each class, when
    /// they follow a Poisson law with the score as its mean.
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
            result[(int)ClassOfCount(n)] += term;
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

    private static RiskClass ClassOf(double value, ImmutableArray<double> cuts)
    {
        var i = 0;
        while (i < cuts.Length && value >= cuts[i])
            i++;
        return (RiskClass)i;
    }
}
