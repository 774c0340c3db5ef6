using VisionZero.Models;

namespace VisionZero.Benchmarks;

/// <summary>
/// The model against the best of the four baselines over many cutoffs: wins, ties and losses,
/// and the mean difference. One cutoff on ~500 corners moves capture@5 % by a corner (2-4 points); the
/// tally over many says whether a difference is the model's or the draw's. Neighbouring cutoffs share
/// most of their history, so the cutoffs are not independent samples.
/// </summary>
public static class BacktestTally
{
    private static readonly string[] Baselines = ["last-6m", "last-1y", "last-5y", "forest"];

    public static void Print(IReadOnlyList<BacktestReport> reports)
    {
        if (reports.Count == 0)
            return;
        Line(reports, "capture5", r => r.Capture5);
        Line(reports, "macroF1", r => r.MacroF1);
        Line(reports, "capture10", r => r.Capture10);
        var calibrations = reports.Select(r => Model(r).Calibration).Order().ToArray();
        Console.WriteLine(
            $"tally: metric=calibration " +
            $"within15pct={calibrations.Count(c => Math.Abs(c - 1) <= 0.15)}/{calibrations.Length} " +
            $"median={calibrations[calibrations.Length / 2]:F3} min={calibrations[0]:F3} max={calibrations[^1]:F3}");
    }

    private static void Line(IReadOnlyList<BacktestReport> reports, string metric, Func<BacktestResult, double> value)
    {
        // Against each baseline (what "beats every baseline" asks), then against the best of them at each
        // cutoff (a harder bar: it picks the winner with hindsight).
        foreach (var baseline in Baselines)
            Tally(reports, metric, baseline, report => value(report.Results.Single(r => r.Name == baseline)), value);
        Tally(
            reports,
            metric,
            "best",
            report => report.Results.Where(r => Baselines.Contains(r.Name)).Max(value),
            value);
    }

    private static void Tally(IReadOnlyList<BacktestReport> reports, string metric, string against,
        Func<BacktestReport, double> baseline, Func<BacktestResult, double> value)
    {
        int wins = 0, ties = 0, losses = 0;
        var differences = new List<double>();
        foreach (var report in reports)
        {
            var difference = value(Model(report)) - baseline(report);
            differences.Add(difference);
            if (Math.Abs(difference) < 5e-4)
                ties++;
            else if (difference > 0)
                wins++;
            else
                losses++;
        }
        differences.Sort();
        Console.WriteLine(
            $"tally: metric={metric} against={against} cutoffs={reports.Count} " +
            $"wins={wins} ties={ties} losses={losses} " +
            $"mean_difference={Signed(differences.Average())} " +
            $"median_difference={Signed(differences[differences.Count / 2])}");
    }

    /// <summary>
    /// A difference with its sign, to four places; a value that rounds to zero prints +0.0000, not -+0.0000.
    /// </summary>
    public static string Signed(double value)
    {
        var rounded = Math.Round(value, 4);
        return (rounded == 0 ? 0 : rounded)
            .ToString("+0.0000;-0.0000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static BacktestResult Model(BacktestReport report) => report.Results.Single(r => r.Name == "model");
}
