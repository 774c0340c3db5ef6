using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.ML;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Scoring;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Benchmarks;

/// <summary>
/// The model's ML path without the cluster: snapshots from the product's features, backtests at several
/// cutoffs, training, and per-prediction scoring latency of a loaded model (what a grain pays per answer).
/// </summary>
public static class ModelBenchmark
{
    public static async Task<int> RunAsync(string file, string[] args)
    {
        var cutoffCount = Option(args, "--cutoffs", 4, 1, 120);
        var scoreCount = Option(args, "--score", 100_000, 1, 100_000_000);
        var monthsApart = Option(args, "--months-apart", 6, 1, 60);
        // Half the corners (by a stable hash of the id: half 0 or 1) are kept out of training and are all
        // that is judged.
        var half = (uint)Option(args, "--held-out-half", 0, 0, 1);
        var replicates = Option(args, "--bootstrap", 0, 0, 100_000);
        Func<string, bool>? heldOut = args.Contains("--held-out") || args.Contains("--held-out-half")
            ? id => (VisionZero.Grid.IntersectionHash.Of(id) & 1) == half
            : null;
        var options = new RiskOptions();
        var (loaded, first, last) = await HistoryLoader.LoadCrashesAsync(file, new DateOnly(2026, 11, 26));
        var days = SnapshotBuilder.MonthlyDays(first, last, options.SnapshotMonths, options.MinimumHistoryDays);
        if (days.IsEmpty)
            throw new ArgumentException(
                $"{file}: too short: a snapshot needs {options.MinimumHistoryDays} days of history " +
                $"and {RiskFeatures.HorizonDays} days after it");

        var watch = Stopwatch.StartNew();
        var set = Snapshots(loaded, days, last);
        var snapshots = watch.Elapsed;
        Console.WriteLine(
            $"model-bench: corners={loaded.Ids.Length} snapshots={days.Length} rows={set.Count} " +
            $"build_s={snapshots.TotalSeconds:F2}");

        var cutoffs = Enumerable.Range(0, cutoffCount)
            .Select(i => days[^1].AddMonths(-monthsApart * i))
            .Where(d => d > days[0])
            .Order()
            .ToList();
        var reports = new List<BacktestReport>();
        var scores = new List<BacktestScores>();
        foreach (var cutoff in cutoffs)
        {
            watch.Restart();
            var scored = Backtester.Score(set, cutoff, new RiskTrainerParameters(), options, heldOut);
            scores.Add(scored);
            var report = scored.Evaluate();
            reports.Add(report);
            foreach (var r in report.Results)
                Console.WriteLine($"backtest: cutoff={cutoff:yyyy-MM-dd} {ResultLine.Fields(r)}");
            Console.WriteLine(
                $"backtest: cutoff={cutoff:yyyy-MM-dd} corners={report.Intersections} " +
                $"seconds={watch.Elapsed.TotalSeconds:F2}");
        }

        BacktestTally.Print(reports);
        BaselineBootstrap.Print(scores, replicates);

        watch.Restart();
        var rows = set.TrainingRowsBefore(last).ToArray();
        var sample = Backtester.Sample(rows, options.MaxTrainingRows);
        var ml = new MLContext(seed: 1);
        var model = Backtester.Fit(ml, set, sample, last, new RiskTrainerParameters(), options);
        var bytes = RiskTrainer.Save(ml, model.Model);
        Console.WriteLine(
            $"model-bench: train_rows={sample.Length} train_s={watch.Elapsed.TotalSeconds:F2} " +
            $"artifact_bytes={bytes.Length}");

        var info = new ModelVersionInfo(
            1,
            ModelStage.Production,
            DateTimeOffset.UtcNow,
            Convert.ToHexStringLower(SHA256.HashData(bytes)),
            bytes.Length,
            new ModelDraft(
                days[0],
                days[^1],
                RiskFeatures.Names,
                RiskTrainer.ModelTrainer,
                ImmutableDictionary<string, string>.Empty,
                model.Thresholds,
                [],
                sample.Length,
                RiskFeatures.Schema,
                model.Level,
                TreeWeight: model.TreeWeight));
        watch.Restart();
        using var loadedModel = RiskModel.Load(info, bytes);
        Console.WriteLine($"model-bench: load_ms={watch.Elapsed.TotalMilliseconds:F1}");
        Score(loadedModel, set, scoreCount);
        return 0;
    }

    /// <summary>
    /// The rows every corner of the file has at the days, as the grains would build them (borough left out:
    /// one file, one borough).
    /// </summary>
    public static SnapshotSet Snapshots(LoadedHistories loaded, ImmutableArray<DateOnly> days, DateOnly labelsUntil)
    {
        var set = new SnapshotSet(days, labelsUntil);
        for (var i = 0; i < loaded.Ids.Length; i++)
            set.Add(loaded.Ids[i], TrainingRows.Build(loaded.Histories[i], days, labelsUntil, null));
        return set;
    }

    /// <summary>
    /// Times each Assess call on its own (features as a grain has them): median and p99 in microseconds.
    /// </summary>
    private static void Score(RiskModel model, SnapshotSet set, int count)
    {
        var timings = new double[count];
        var sink = 0.0;
        for (var warm = 0; warm < 2_000; warm++)
            sink += model.Assess(set.Features(warm % set.Count)).RiskScore;
        for (var i = 0; i < count; i++)
        {
            var features = set.Features(i % set.Count);
            var start = Stopwatch.GetTimestamp();
            sink += model.Assess(features).RiskScore;
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(timings);
        Console.WriteLine(
            $"scoring: predictions={count} median_us={timings[count / 2]:F2} " +
            $"p99_us={timings[(int)(count * 0.99)]:F2} checksum={sink:F1}");
    }

    /// <summary>
    /// The option's value, or the fallback when absent; a value that is not a whole number in range is refused.
    /// </summary>
    public static int Option(string[] args, string name, int fallback, int min, int max)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
            return fallback;
        if (i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value >= min && value <= max)
            return value;
        throw new ArgumentException(
            $"{name} takes a whole number from {min} to {max}, " +
            $"not '{(i + 1 < args.Length ? args[i + 1] : "")}'");
    }
}
