using System.Collections.Immutable;
using System.Globalization;
using VisionZero.Models;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Grains.Rollout;

/// <summary>
/// The offline gate's rule. The candidate and production are backtested at the same cutoffs beside the
/// baselines; the candidate passes when, on capture@5 % and macro-F1, it is not worse than production nor than
/// the best baseline by more than the corner bootstrap's noise (half its 5th-95th percentile width) plus the
/// configured tolerance, and its calibration lies within the configured band around 1.
/// </summary>
public static class OfflineGate
{
    public const string Candidate = "candidate";
    public const string Production = "production";

    public static readonly ImmutableArray<string> Baselines = ["last-6m", "last-1y", "last-5y", "forest"];

    private static readonly IntersectionBootstrap.Metric[] Judged =
        [IntersectionBootstrap.Capture5, IntersectionBootstrap.MacroF1];

    /// <param name="cutoffs">Each with the scorers <see cref="Candidate"/>, <see cref="Baselines"/> and, when a
    /// version is in production, <see cref="Production"/>.</param>
    public static GateVerdict Judge(IReadOnlyList<BacktestScores> cutoffs, GateSettings settings)
    {
        if (cutoffs.Count == 0)
            throw new ArgumentException("the offline gate needs at least one backtest cutoff", nameof(cutoffs));
        var reports = cutoffs.Select(c => c.Evaluate()).ToArray();
        var hasProduction = cutoffs[0].Scorers.Any(s => s.Name == Production);
        var figures = ImmutableArray.CreateBuilder<GateComparison>();
        foreach (var metric in Judged)
        {
            var against = new List<string>();
            if (hasProduction)
                against.Add(Production);
            against.Add(Best(reports, metric));
            foreach (var interval in IntersectionBootstrap.Compute(
                         cutoffs, settings.Replicates, Candidate, against, [metric]))
            {
                var allowed = -(interval.HalfWidth + settings.Tolerance);
                figures.Add(new GateComparison(metric.Name, interval.Against, interval.Median, interval.P05,
                    interval.P95, allowed, interval.Median >= allowed));
            }
        }
        var calibration = reports.Average(r => Scorer(r, Candidate).Calibration);
        figures.Add(new GateComparison("calibration", "band", calibration, calibration, calibration,
            settings.CalibrationBand, Math.Abs(calibration - 1) <= settings.CalibrationBand));
        var all = figures.ToImmutable();
        var failed = all.Where(f => !f.Held).ToArray();
        var why = failed.Length == 0
            ? $"held on {Describe(all.Where(f => f.Against != "band"))}; calibration {F(calibration)} within " +
              $"1 ± {F(settings.CalibrationBand)}"
            : "worse than allowed: " + string.Join("; ", failed.Select(Failure));
        return new GateVerdict(failed.Length == 0, why, all);
    }

    /// <summary>The baseline with the highest mean of the metric over the cutoffs (the first listed on a tie).
    /// </summary>
    private static string Best(BacktestReport[] reports, IntersectionBootstrap.Metric metric) =>
        Baselines.OrderByDescending(b => reports.Average(r => metric.Value(Scorer(r, b)))).First();

    private static BacktestResult Scorer(BacktestReport report, string name) =>
        report.Results.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"the backtest at {report.Cutoff:yyyy-MM-dd} has no scorer '{name}'");

    private static string Describe(IEnumerable<GateComparison> held) =>
        string.Join(", ", held.Select(f => $"{f.Metric} vs {f.Against} ({Signed(f.Median)})"));

    private static string Failure(GateComparison f) => f.Against == "band"
        ? $"calibration {F(f.Median)} is outside 1 ± {F(f.Allowed)}"
        : $"{f.Metric} vs {f.Against}: median {Signed(f.Median)} (5-95 % {Signed(f.P05)} … {Signed(f.P95)}), " +
          $"allowed {Signed(f.Allowed)}";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);
}
