using System.Collections.Immutable;
using Microsoft.ML;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Scoring;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Benchmarks;

/// <summary>
/// What the transfer test produced: the model trained on the first file, and every scorer's forecasts on the second.
/// </summary>
public sealed record TransferRun(
    FittedModel Model,
    int TrainingRows,
    DateOnly TrainedUntil,
    ImmutableArray<BacktestScores> Days);

/// <summary>
/// Data the model has never seen: trained on one file (the primary Brooklyn extract) as a version would
/// be, then judged with every baseline on another file from another place or years (Manhattan 2022-2023,
/// ZIP 11201 in 2013), at the first of each month with at least six months of that file's history before
/// it and its 182 days after it inside the file. Only the model and the forest learn, and only from the first file.
/// </summary>
/// <remarks>
/// The second file is short: its corners have months, not years, of history, so the 5-year window holds
/// what the file has and "days since the last crash" is capped by the file's start, for the model and the
/// baselines alike. The model's level is the second grid's own: its crashes in the 182 days before the day
/// over what the model forecasts (the first grid's nowcast says nothing of the second, and the second has no
/// earlier years for one; unclamped, unlike the product's). This also undoes the shortfall of an exposure
/// built for five years of history, but only on the whole, not corner by corner.
/// </remarks>
public static class TransferBenchmark
{
    public const string Usage = "transfer TRAIN-FILE TEST-FILE [--bootstrap N]";

    private const int MinimumHistoryDays = 180;

    /// <summary>
    /// The command: <paramref name="args"/> are what follows "transfer". Bad arguments or files throw
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is not (2 or 4) || (args.Length == 4 && args[2] != "--bootstrap"))
            throw new ArgumentException($"unexpected arguments '{string.Join(' ', args)}'; usage: {Usage}");
        var replicates = ModelBenchmark.Option(args, "--bootstrap", 0, 0, 100_000);
        var run = await EvaluateAsync(args[0], args[1]);
        Console.WriteLine(
            $"transfer: trained_on={Path.GetFileName(args[0])} rows={run.TrainingRows} " +
            $"last_day={run.TrainedUntil:yyyy-MM-dd} " +
            $"tree_weight={run.Model.TreeWeight:F1} cuts={string.Join('/', run.Model.Thresholds.Cuts)}");
        var reports = run.Days.Select(d => d.Evaluate()).ToList();
        foreach (var report in reports)
            foreach (var r in report.Results)
                Console.WriteLine(
                    $"transfer: day={report.Cutoff:yyyy-MM-dd} corners={report.Intersections} " +
                    $"crashes={report.FutureCrashes} {ResultLine.Fields(r)}");
        BacktestTally.Print(reports);
        BaselineBootstrap.Print(run.Days, replicates);
        return 0;
    }

    /// <exception cref="ArgumentException">
    /// A file is missing, is not a crash export, has no accepted crash, or is too short; the message names it.
    /// </exception>
    public static async Task<TransferRun> EvaluateAsync(string trainFile, string testFile)
    {
        var options = new RiskOptions();
        var today = new DateOnly(2026, 11, 26);
        var (train, trainFirst, trainLast) = await HistoryLoader.LoadCrashesAsync(trainFile, today);
        var (test, testFirst, testLast) = await HistoryLoader.LoadCrashesAsync(testFile, today);
        var trainDays = SnapshotBuilder.MonthlyDays(
            trainFirst,
            trainLast,
            options.SnapshotMonths,
            options.MinimumHistoryDays);
        var trainSet = ModelBenchmark.Snapshots(train, trainDays, trainLast);
        var sample = Backtester.Sample([.. trainSet.TrainingRowsBefore(trainLast)], options.MaxBacktestTrainingRows);
        if (sample.Length == 0)
            throw new ArgumentException(
                $"{trainFile}: too short to train on: a snapshot needs {options.MinimumHistoryDays} days of history " +
                $"and {RiskFeatures.HorizonDays} days after it");
        var testDays = SnapshotBuilder.MonthlyDays(testFirst, testLast, int.MaxValue, MinimumHistoryDays);
        if (testDays.IsEmpty)
            throw new ArgumentException(
                $"{testFile}: too short for a day with {MinimumHistoryDays} days of history " +
                $"and {RiskFeatures.HorizonDays} days after it");
        var testSet = ModelBenchmark.Snapshots(test, testDays, testLast);

        var ml = new MLContext(seed: 1);
        var model = Backtester.Fit(ml, trainSet, sample, trainLast, new RiskTrainerParameters(), options);
        var windows = Backtester.Fit(
            ml,
            trainSet,
            sample,
            trainLast,
            new RiskTrainerParameters(),
            options,
            ModelView.Windows);
        var forest = RiskTrainer.TrainForest(ml, sample.Select(trainSet.Input));
        var days = testDays
            .Select(day => Score(ml, testSet, day, model, windows, forest))
            .Where(d => d.Actual.Length > 0);
        return new TransferRun(model, sample.Length, trainLast, [.. days]);
    }

    private static BacktestScores Score(
        MLContext ml,
        SnapshotSet set,
        DateOnly day,
        FittedModel model,
        FittedModel windows,
        ITransformer forest)
    {
        var rows = set.RowsOn(day).ToArray();
        var inputs = rows.Select(set.Input).ToList();
        var baselines = inputs.Select(i => RiskFeatures.Baselines(i.Features)).ToArray();
        var counts = new RiskThresholds(model.Thresholds.Cuts);
        // The second grid's own level, known at the day: its crashes in the 182 days before.
        var recent = baselines.Sum(b => b.SixMonths);
        var forestForecast = RiskTrainer.Predict(ml, forest, inputs.Select(RiskTrainer.WindowsOnly));
        ImmutableArray<ScorerForecast> scorers =
        [
            new("model", ScaledTo(model.PredictCrashes(ml, inputs), recent), model.Thresholds),
            new("last-6m", [.. baselines.Select(b => b.SixMonths)], counts),
            new("last-1y", [.. baselines.Select(b => b.OneYear)], counts),
            new("last-5y", [.. baselines.Select(b => b.FiveYears)], counts),
            new("forest", forestForecast, counts),
            // Not one of the baselines (the tally ignores it): the forest given the same level as the
            // model, for fairness.
            new("forest-levelled", ScaledTo([.. forestForecast], recent), counts),
            new(Backtester.WindowsModelName, ScaledTo(windows.PredictCrashes(ml, inputs), recent), model.Thresholds),
        ];
        return new BacktestScores(day, [.. rows.Select(set.IntersectionOf)], [.. rows.Select(set.Label)], scorers);
    }

    /// <summary>
    /// The forecasts, in place, scaled so that they sum to <paramref name="total"/> (left alone when they sum
    /// to nothing).
    /// </summary>
    private static double[] ScaledTo(double[] forecast, double total)
    {
        var sum = forecast.Sum();
        if (sum > 0)
            for (var i = 0; i < forecast.Length; i++)
                forecast[i] *= total / sum;
        return forecast;
    }
}
