using System.Collections.Immutable;
using Microsoft.ML;
using VisionZero.Grains.Risk;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Benchmarks;

/// <summary>
/// Data the model has never seen: trained on one file (the primary Brooklyn extract) as a version would
/// be, then judged with every baseline on another file from another borough and years (Manhattan
/// 2022-2023), at the first of each month with at least six months of that file's history before it and
/// its 182 days after it inside the file. Only the model and the forest learn, and only from the first file.
/// </summary>
/// <remarks>
/// The second file is short: its corners have 6-12 months of history, so the 5-year window holds at most
/// one year and "days since the last crash" is capped by the file's start, for the model and the baselines
/// alike. The model's level is the second grid's own: its crashes in the 182 days before the day over what
/// the model forecasts (the first grid's nowcast says nothing of the second, and the second has no earlier
/// years for one; unclamped, unlike the product's). This also undoes the shortfall of an exposure built for
/// five years of history, but only on the whole, not corner by corner.
/// </remarks>
public static class TransferBenchmark
{
    private const int MinimumHistoryDays = 180;

    public static async Task<int> RunAsync(string trainFile, string testFile, int replicates)
    {
        foreach (var file in (string[])[trainFile, testFile])
            if (!File.Exists(file))
                throw new ArgumentException($"no such file '{file}'");
        var options = new RiskOptions();
        var today = new DateOnly(2026, 11, 26);
        var train = await HistoryLoader.LoadAsync(trainFile, today);
        var test = await HistoryLoader.LoadAsync(testFile, today);
        if (train.LastAccepted is not { } trainLast || test.LastAccepted is not { } testLast)
            throw new ArgumentException("both files need at least one accepted crash");

        var trainDays = SnapshotBuilder.MonthlyDays(train.FirstAccepted!.Value, trainLast, options.SnapshotMonths, options.MinimumHistoryDays);
        var trainSet = ModelBenchmark.Snapshots(train, trainDays, trainLast);
        var testDays = SnapshotBuilder.MonthlyDays(test.FirstAccepted!.Value, testLast, int.MaxValue, MinimumHistoryDays);
        if (testDays.IsEmpty)
            throw new ArgumentException($"{testFile}: too short for a cutoff with {MinimumHistoryDays} days of history and {RiskFeatures.HorizonDays} days after it");
        var testSet = ModelBenchmark.Snapshots(test, testDays, testLast);

        var ml = new MLContext(seed: 1);
        var sample = Backtester.Sample([.. trainSet.TrainingRowsBefore(trainLast)], options.MaxBacktestTrainingRows);
        var model = Backtester.Fit(ml, trainSet, sample, trainLast, new RiskTrainerParameters(), options) with { Level = 1 };
        var windows = Backtester.Fit(ml, trainSet, sample, trainLast, new RiskTrainerParameters(), options, ModelView.Windows) with { Level = 1 };
        var forest = RiskTrainer.TrainForest(ml, sample.Select(trainSet.Input));
        Console.WriteLine($"transfer: trained_on={Path.GetFileName(trainFile)} rows={sample.Length} last_day={trainLast:yyyy-MM-dd} " +
                          $"tree_weight={model.TreeWeight:F1} cuts={string.Join('/', model.Thresholds.Cuts)}");

        var reports = new List<BacktestReport>();
        var scores = new List<BacktestScores>();
        foreach (var day in testDays)
        {
            var rows = testSet.RowsOn(day).ToArray();
            var inputs = rows.Select(testSet.Input).ToList();
            var actual = rows.Select(testSet.Label).ToArray();
            var baselines = inputs.Select(i => RiskFeatures.Baselines(i.Features)).ToArray();
            var counts = new RiskThresholds(model.Thresholds.Cuts);
            var forecast = model.PredictCrashes(ml, inputs);
            var windowsForecast = windows.PredictCrashes(ml, inputs);
            // The second grid's own level, known at the day: its crashes in the 182 days before, over the forecast.
            var recent = baselines.Sum(b => b.SixMonths);
            Scale(forecast, recent);
            Scale(windowsForecast, recent);
            var forestForecast = RiskTrainer.Predict(ml, forest, inputs.Select(RiskTrainer.WindowsOnly));
            var forestLevelled = (double[])forestForecast.Clone();
            Scale(forestLevelled, recent);
            ImmutableArray<ScorerForecast> scorers =
            [
                new("model", forecast, model.Thresholds),
                new("last-6m", [.. baselines.Select(b => b.SixMonths)], counts),
                new("last-1y", [.. baselines.Select(b => b.OneYear)], counts),
                new("last-5y", [.. baselines.Select(b => b.FiveYears)], counts),
                new("forest", forestForecast, counts),
                // Not one of the baselines (the tally ignores it): the forest given the same level as the model, for fairness.
                new("forest-levelled", forestLevelled, counts),
                new(Backtester.WindowsModelName, windowsForecast, model.Thresholds),
            ];
            var scored = new BacktestScores(day, [.. rows.Select(testSet.CornerOf)], actual, scorers);
            scores.Add(scored);
            var report = scored.Evaluate();
            reports.Add(report);
            foreach (var r in report.Results)
                Console.WriteLine($"transfer: day={day:yyyy-MM-dd} corners={actual.Length} crashes={actual.Sum()} scorer={r.Name} capture1={r.Capture1:F4} " +
                                  $"capture5={r.Capture5:F4} capture10={r.Capture10:F4} macroF1={r.MacroF1:F4} accuracy={r.Accuracy:F4} " +
                                  $"mae={r.Mae:F4} deviance={r.PoissonDeviance:F4} calibration={r.Calibration:F4}");
        }
        BacktestTally.Print(reports);
        CornerBootstrap.Print(scores, replicates);
        return 0;
    }

    private static void Scale(double[] forecast, double total)
    {
        var sum = forecast.Sum();
        if (sum <= 0)
            return;
        for (var i = 0; i < forecast.Length; i++)
            forecast[i] *= total / sum;
    }
}
