using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Scoring.Evaluation;

/// <summary>
/// How far one scorer's lead over others could be the draw of corners: the corners are resampled with
/// replacement, once per replicate for all cutoffs together (a corner is the same street corner at every cutoff,
/// so its luck is shared across them), and the mean difference over the cutoffs is recomputed. Nothing is
/// retrained: this measures the noise of judging on a few hundred corners, not of training on them. Seeded, so a
/// verdict can be repeated.
/// </summary>
public static class IntersectionBootstrap
{
    public const int Seed = 7;

    public sealed record Metric(string Name, Func<BacktestResult, double> Value, bool LowerIsBetter);

    public static readonly Metric Capture5 = new("capture5", r => r.Capture5, false);

    public static readonly Metric MacroF1 = new("macroF1", r => r.MacroF1, false);

    public static readonly Metric CalibrationDistance =
        new("calibration-distance", r => Math.Abs(r.Calibration - 1), true);

    /// <summary>
    /// Per metric and scorer in <paramref name="against"/>, the subject's mean difference over the replicates.
    /// Nothing for no cutoffs or no replicates.
    /// </summary>
    public static ImmutableArray<BootstrapInterval> Compute(
        IReadOnlyList<BacktestScores> cutoffs,
        int replicates,
        string subject,
        IReadOnlyList<string> against,
        IReadOnlyList<Metric> metrics)
    {
        if (cutoffs.Count == 0 || replicates <= 0)
            return [];
        var corners = cutoffs.SelectMany(c => c.Intersections).Distinct().Order(StringComparer.Ordinal).ToArray();
        var indexOf = corners.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var rows = cutoffs.Select(c => c.Intersections.Select(id => indexOf[id]).ToArray()).ToArray();
        // [metric][other][replicate]: the mean over cutoffs of subject minus other.
        var differences = metrics.Select(_ => against.Select(_ => new double[replicates]).ToArray()).ToArray();
        var random = new Random(Seed);
        var weights = new int[corners.Length];
        for (var r = 0; r < replicates; r++)
        {
            Array.Clear(weights);
            for (var draw = 0; draw < corners.Length; draw++)
                weights[random.Next(corners.Length)]++;
            for (var c = 0; c < cutoffs.Count; c++)
            {
                var results = Resampled(cutoffs[c], rows[c], weights);
                var own = results[subject];
                for (var m = 0; m < metrics.Count; m++)
                    for (var o = 0; o < against.Count; o++)
                        differences[m][o][r] +=
                            (metrics[m].Value(own) - metrics[m].Value(results[against[o]])) / cutoffs.Count;
            }
        }
        var intervals = ImmutableArray.CreateBuilder<BootstrapInterval>();
        for (var m = 0; m < metrics.Count; m++)
            for (var o = 0; o < against.Count; o++)
            {
                var d = differences[m][o];
                Array.Sort(d);
                // Where lower is better, the subject is ahead when the difference is negative.
                var ahead = metrics[m].LowerIsBetter ? d.Count(x => x < 0) : d.Count(x => x > 0);
                intervals.Add(new BootstrapInterval(
                    metrics[m].Name,
                    against[o],
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
