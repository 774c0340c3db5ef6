using System.Collections.Immutable;
using VisionZero.Models;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Benchmarks;

/// <summary>Model minus one baseline on one metric over the bootstrap's replicates.</summary>
public sealed record BootstrapInterval(
    string Metric,
    string Against,
    double P05,
    double Median,
    double P95,
    double ModelAhead);

/// <summary>
/// How far the model's lead over each baseline could be the draw of corners: the corners are resampled
/// with replacement, once per replicate for all cutoffs together (a corner is the same street corner at
/// every cutoff, so its luck is shared across them), and the mean difference over the cutoffs is
/// recomputed. The models are not retrained: this measures the noise of judging on ~500 corners, not of
/// training on them.
/// </summary>
public static class IntersectionBootstrap
{
    private static readonly string[] Baselines = ["last-6m", "last-1y", "last-5y", "forest"];

    private static readonly (string Name, Func<BacktestResult, double> Value, bool LowerIsBetter)[] Metrics =
    [
        ("capture5", r => r.Capture5, false),
        ("macroF1", r => r.MacroF1, false),
        ("calibration-distance", r => Math.Abs(r.Calibration - 1), true),
    ];

    public static void Print(IReadOnlyList<BacktestScores> cutoffs, int replicates)
    {
        foreach (var i in Compute(cutoffs, replicates))
            Console.WriteLine($"bootstrap: metric={i.Metric} against={i.Against} replicates={replicates} " +
                              $"p05={BacktestTally.Signed(i.P05)} median={BacktestTally.Signed(i.Median)} " +
                              $"p95={BacktestTally.Signed(i.P95)} model_ahead={i.ModelAhead:F3}");
    }

    /// <summary>
    /// Per metric and baseline, the 5th, 50th and 95th percentile of the model's mean difference and the
    /// share of replicates with the model ahead. Nothing for no cutoffs or no replicates.
    /// </summary>
    public static ImmutableArray<BootstrapInterval> Compute(IReadOnlyList<BacktestScores> cutoffs, int replicates)
    {
        if (cutoffs.Count == 0 || replicates <= 0)
            return [];
        var corners = cutoffs.SelectMany(c => c.Intersections).Distinct().Order(StringComparer.Ordinal).ToArray();
        var indexOf = corners.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var rows = cutoffs.Select(c => c.Intersections.Select(id => indexOf[id]).ToArray()).ToArray();
        // [metric][baseline][replicate]: the mean over cutoffs of model minus baseline.
        var differences = Metrics.Select(_ => Baselines.Select(_ => new double[replicates]).ToArray()).ToArray();
        var random = new Random(7);
        var weights = new int[corners.Length];
        for (var r = 0; r < replicates; r++)
        {
            Array.Clear(weights);
            for (var draw = 0; draw < corners.Length; draw++)
                weights[random.Next(corners.Length)]++;
            for (var c = 0; c < cutoffs.Count; c++)
            {
                var results = Resampled(cutoffs[c], rows[c], weights);
                var model = results["model"];
                for (var m = 0; m < Metrics.Length; m++)
                    for (var b = 0; b < Baselines.Length; b++)
                        differences[m][b][r] +=
                            (Metrics[m].Value(model) - Metrics[m].Value(results[Baselines[b]])) / cutoffs.Count;
            }
        }
        var intervals = ImmutableArray.CreateBuilder<BootstrapInterval>();
        for (var m = 0; m < Metrics.Length; m++)
            for (var b = 0; b < Baselines.Length; b++)
            {
                var d = differences[m][b];
                Array.Sort(d);
                // For the calibration distance, lower is better: the model is ahead when the difference is negative.
                var ahead = Metrics[m].LowerIsBetter ? d.Count(x => x < 0) : d.Count(x => x > 0);
                intervals.Add(new BootstrapInterval(
                    Metrics[m].Name,
                    Baselines[b],
                    d[(int)(replicates * 0.05)],
                    d[replicates / 2],
                    d[(int)(replicates * 0.95)],
                    (double)ahead / replicates));
            }
        return intervals.ToImmutable();
    }

    /// <summary>
    /// Every scorer's metrics on the cutoff's corners, each repeated as often as the replicate drew it.
    /// </summary>
    private static Dictionary<string, BacktestResult> Resampled(
        BacktestScores scores,
        int[] intersectionOfRow,
        int[] weights)
    {
        var picked = new List<int>();
        for (var i = 0; i < intersectionOfRow.Length; i++)
            for (var k = 0; k < weights[intersectionOfRow[i]]; k++)
                picked.Add(i);
        var actual = picked.Select(i => scores.Actual[i]).ToArray();
        return scores.Scorers.ToDictionary(
            s => s.Name,
            s => RiskMetrics.Evaluate(s.Name, [.. picked.Select(i => s.Predicted[i])], actual, s.Thresholds));
    }
}
