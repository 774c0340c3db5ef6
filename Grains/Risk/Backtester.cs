using System.Collections.Immutable;
using Microsoft.ML;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Grains.Risk;

/// <summary>
/// Rolling-origin backtests: every scorer learns only from snapshots whose label window ended by the
/// cutoff, then forecasts the 182 days after it for the corners active at the cutoff. Never a random split.
/// </summary>
public static class Backtester
{
    public static BacktestReport Run(SnapshotSet set, DateOnly cutoff, RiskTrainerParameters parameters, RiskOptions options)
    {
        var (train, evaluation) = Split(set, cutoff);
        var thresholds = RiskThresholds.FromCounts([.. train.Select(set.Label)], options.ClassQuantiles);
        var ml = new MLContext(seed: 1);
        var sample = Sample(train, options.MaxTrainingRows);
        var model = RiskTrainer.TrainModel(ml, sample.Select(r => set.TrainingInput(r, cutoff, options.RecencyHalfLifeDays)), parameters);
        var forest = RiskTrainer.TrainForest(ml, sample.Select(set.Input));
        var inputs = evaluation.Select(set.Input).ToList();
        var actual = evaluation.Select(set.Label).ToArray();
        var six = new double[inputs.Count];
        var year = new double[inputs.Count];
        var five = new double[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
            (six[i], year[i], five[i]) = RiskFeatures.Baselines(inputs[i].Features);
        ImmutableArray<BacktestResult> results =
        [
            RiskMetrics.Evaluate("model", RiskTrainer.Predict(ml, model, inputs), actual, thresholds),
            RiskMetrics.Evaluate("last-6m", six, actual, thresholds),
            RiskMetrics.Evaluate("last-1y", year, actual, thresholds),
            RiskMetrics.Evaluate("last-5y", five, actual, thresholds),
            RiskMetrics.Evaluate("forest", RiskTrainer.Predict(ml, forest, inputs.Select(RiskTrainer.ForestOnly)), actual, thresholds),
        ];
        return new BacktestReport(cutoff, actual.Length, actual.Sum(), results);
    }

    /// <summary>The model alone at one cutoff: what a tuning trial is judged on.</summary>
    public static BacktestResult EvaluateModel(SnapshotSet set, DateOnly cutoff, RiskTrainerParameters parameters, RiskOptions options)
    {
        var (train, evaluation) = Split(set, cutoff);
        var thresholds = RiskThresholds.FromCounts([.. train.Select(set.Label)], options.ClassQuantiles);
        var ml = new MLContext(seed: 1);
        var model = RiskTrainer.TrainModel(ml,
            Sample(train, options.MaxTrainingRows).Select(r => set.TrainingInput(r, cutoff, options.RecencyHalfLifeDays)), parameters);
        var predicted = RiskTrainer.Predict(ml, model, evaluation.Select(set.Input));
        return RiskMetrics.Evaluate("model", predicted, [.. evaluation.Select(set.Label)], thresholds);
    }

    private static (int[] Train, int[] Evaluation) Split(SnapshotSet set, DateOnly cutoff)
    {
        var train = set.TrainingRowsBefore(cutoff).ToArray();
        if (train.Length == 0)
            throw new InvalidOperationException(
                $"no snapshot has a label window that ended by {cutoff:yyyy-MM-dd}: pick a later cutoff");
        var evaluation = set.RowsOn(cutoff).ToArray();
        if (evaluation.Length == 0)
            throw new InvalidOperationException(
                $"no corner can be evaluated at {cutoff:yyyy-MM-dd}: the 182 days after it must end by the latest crash ({set.LabelsUntil:yyyy-MM-dd})");
        return (train, evaluation);
    }

    /// <summary>At most <paramref name="max"/> rows, chosen with a fixed seed so a run can be repeated.</summary>
    public static int[] Sample(int[] rows, int max)
    {
        if (rows.Length <= max)
            return rows;
        var copy = (int[])rows.Clone();
        new Random(17).Shuffle(copy);
        var sample = copy[..max];
        Array.Sort(sample);
        return sample;
    }
}
