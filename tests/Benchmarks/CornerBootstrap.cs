using VisionZero.Grains.Risk;
using VisionZero.Models;

namespace VisionZero.Benchmarks;

/// <summary>
/// How far the model's lead over each baseline could be the draw of corners: the corners are resampled
/// with replacement, once per replicate for all cutoffs together (a corner is the same street corner at
/// every cutoff, so its luck is shared across them), and the mean difference over the cutoffs is
/// recomputed. The models are not retrained: this measures the noise of judging on ~500 corners, not of
/// training on them.
/// </summary>
public static class CornerBootstrap
{
    private static readonly string[] Baselines = ["last-6m", "last-1y", "last-5y", "forest"];

    private static readonly (string Name, Func<BacktestResult, double> Value)[] Metrics =
        [("capture5", r => r.Capture5), ("macroF1", r => r.MacroF1), ("calibration-distance", r => Math.Abs(r.Calibration - 1))];

    public static void Print(IReadOnlyList<BacktestScores> cutoffs, int replicates)
    {
        if (cutoffs.Count == 0 || replicates <= 0)
            return;
        var corners = cutoffs.SelectMany(c => c.Corners).Distinct().Order(StringComparer.Ordinal).ToArray();
        var indexOf = corners.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var rows = cutoffs.Select(c => c.Corners.Select(id => indexOf[id]).ToArray()).ToArray();
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
                        differences[m][b][r] += (Metrics[m].Value(model) - Metrics[m].Value(results[Baselines[b]])) / cutoffs.Count;
            }
        }
        for (var m = 0; m < Metrics.Length; m++)
            for (var b = 0; b < Baselines.Length; b++)
            {
                var d = differences[m][b];
                Array.Sort(d);
                // For the calibration distance, lower is better: the model is ahead when the difference is negative.
                var ahead = m == 2 ? d.Count(x => x < 0) : d.Count(x => x > 0);
                Console.WriteLine($"bootstrap: metric={Metrics[m].Name} against={Baselines[b]} replicates={replicates} " +
                                  $"p05={BacktestTally.Signed(d[(int)(replicates * 0.05)])} median={BacktestTally.Signed(d[replicates / 2])} " +
                                  $"p95={BacktestTally.Signed(d[(int)(replicates * 0.95)])} model_ahead={(double)ahead / replicates:F3}");
            }
    }

    /// <summary>Every scorer's metrics on the cutoff's corners, each repeated as often as the replicate drew it.</summary>
    private static Dictionary<string, BacktestResult> Resampled(BacktestScores scores, int[] cornerOfRow, int[] weights)
    {
        var picked = new List<int>();
        for (var i = 0; i < cornerOfRow.Length; i++)
            for (var k = 0; k < weights[cornerOfRow[i]]; k++)
                picked.Add(i);
        var actual = picked.Select(i => scores.Actual[i]).ToArray();
        return scores.Scorers.ToDictionary(
            s => s.Name,
            s => RiskMetrics.Evaluate(s.Name, [.. picked.Select(i => s.Predicted[i])], actual, s.Thresholds));
    }
}
