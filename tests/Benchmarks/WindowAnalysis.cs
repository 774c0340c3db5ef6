using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Grid;
using VisionZero.Risk;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Benchmarks;

/// <summary>
/// How well each simple history estimator ranks the corners active on each snapshot day (capture@5 % of the
/// next 182 days): the evidence for the weighted exposure (RiskFeatures.Exposure), read on the days whose
/// horizons ended before the first backtest cutoff.
/// </summary>
public static class WindowAnalysis
{
    // The product's 5-year window (RiskFeatures, CrashHistory.Window): the as-of day and the 1,825 before it.
    private const int FiveYearsBack = RollingWindows.FiveYears - 1;

    public static async Task<int> RunAsync(string file)
    {
        var options = new RiskOptions();
        var loaded = await HistoryLoader.LoadAsync(file, new DateOnly(2026, 11, 26));
        var (first, last) = (loaded.FirstAccepted!.Value, loaded.LastAccepted!.Value);
        var days = SnapshotBuilder.MonthlyDays(first, last, options.SnapshotMonths, options.MinimumHistoryDays);
        var estimators = new (string Name, Func<CrashHistory, int, double> Score)[]
        {
            ("c5", (h, d) => h.Between(d - FiveYearsBack, d).Length),
            ("c4", (h, d) => h.Between(d - 1459, d).Length),
            ("c3", (h, d) => h.Between(d - 1094, d).Length),
            ("c2", (h, d) => h.Between(d - 729, d).Length),
            ("c1", (h, d) => h.Between(d - 364, d).Length),
            ("days5", (h, d) =>
            {
                var s = h.Between(d - FiveYearsBack, d);
                var n = 0;
                for (var i = 0; i < s.Length; i++)
                    n += i == 0 || s[i].Day != s[i - 1].Day ? 1 : 0;
                return n;
            }),
            ("ew1", (h, d) => Ewma(h, d, 365)),
            ("ew2", (h, d) => Ewma(h, d, 730)),
            ("ew3", (h, d) => Ewma(h, d, 1095)),
            ("ew5", (h, d) => Ewma(h, d, 1825)),
            ("c5+c1", (h, d) => h.Between(d - FiveYearsBack, d).Length + h.Between(d - 364, d).Length),
        };
        foreach (var day in days)
        {
            var dn = day.DayNumber;
            var active = Enumerable.Range(0, loaded.Ids.Length)
                .Where(i => loaded.Histories[i].Between(dn - FiveYearsBack, dn).Length > 0
                    || RiskFeatures.Label(loaded.Histories[i], day) > 0)
                .ToArray();
            var y = active.Select(i => RiskFeatures.Label(loaded.Histories[i], day)).ToArray();
            var k = RiskMetrics.TopCount(active.Length, 5);
            var line = string.Join(' ', estimators.Select(e =>
                $"{e.Name}={RiskMetrics.Capture([.. active.Select(i => e.Score(loaded.Histories[i], dn))], y, k):F4}"));
            Console.WriteLine($"win: day={day:yyyy-MM-dd} n={active.Length} {line}");
        }
        return 0;
    }

    private static double Ewma(CrashHistory history, int day, int halfLife)
    {
        var sum = 0.0;
        foreach (var crash in history.Between(day - FiveYearsBack, day))
            sum += Math.Pow(0.5, (day - crash.Day) / (double)halfLife);
        return sum;
    }
}
