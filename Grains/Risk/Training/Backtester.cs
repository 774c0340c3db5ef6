using System.Collections.Immutable;
using Microsoft.ML;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Rollout;
using VisionZero.Scoring;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Grains.Risk.Training;

/// <summary>
/// Rolling-origin backtests: every scorer learns only from snapshots whose label window ended by the
/// cutoff, then forecasts the 182 days after it for the corners active at the cutoff. Never a random split.
/// </summary>
public static class Backtester
{
    /// <summary>The backtest row of the windows model: what POST /api/predict answers with.</summary>
    public const string WindowsModelName = "windows-model";

    /// <remarks>
    /// With <paramref name="heldOut"/>, the scorers learn from the other corners only and are judged on
    /// these: corners and a future the model has never seen.
    /// </remarks>
    public static BacktestReport Run(
        SnapshotSet set,
        DateOnly cutoff,
        RiskTrainerParameters parameters,
        RiskOptions options,
        Func<string, bool>? heldOut = null) =>
        Score(set, cutoff, parameters, options, heldOut).Evaluate();

    /// <summary>The forecasts behind <see cref="Run"/>, before they are turned into metrics.</summary>
    public static BacktestScores Score(
        SnapshotSet set,
        DateOnly cutoff,
        RiskTrainerParameters parameters,
        RiskOptions options,
        Func<string, bool>? heldOut = null)
    {
        var (train, evaluation) = Split(set, cutoff);
        if (heldOut is not null)
        {
            train = [.. train.Where(r => !heldOut(set.IntersectionOf(r)))];
            evaluation = [.. evaluation.Where(r => heldOut(set.IntersectionOf(r)))];
        }
        var ml = new MLContext(seed: 1);
        var sample = Sample(train, Math.Min(options.MaxTrainingRows, options.MaxBacktestTrainingRows));
        var model = Fit(ml, set, sample, cutoff, parameters, options);
        var windows = Fit(ml, set, sample, cutoff, parameters, options, ModelView.Windows);
        var inputs = evaluation.Select(set.Input).ToList();
        ImmutableArray<ScorerForecast> scorers =
        [
            new("model", model.PredictCrashes(ml, inputs), model.Thresholds),
            .. BaselineForecasts(ml, set, sample, inputs, model.Thresholds),
            new(WindowsModelName, windows.PredictCrashes(ml, inputs), model.Thresholds),
        ];
        return new BacktestScores(
            cutoff, [.. evaluation.Select(set.IntersectionOf)], [.. evaluation.Select(set.Label)], scorers);
    }

    /// <summary>
    /// The offline gate's backtest at one cutoff: the candidate's recipe and production's (when there is one),
    /// each trained only on what was known by the cutoff, beside the baselines, on the same corners.
    /// </summary>
    public static BacktestScores GateScores(
        SnapshotSet set,
        DateOnly cutoff,
        RiskTrainerParameters candidate,
        RiskTrainerParameters? production,
        RiskOptions options)
    {
        var (train, evaluation) = Split(set, cutoff);
        var sample = Sample(train, Math.Min(options.MaxTrainingRows, options.MaxBacktestTrainingRows));
        var inputs = evaluation.Select(set.Input).ToList();
        var scorers = new List<ScorerForecast>();
        var recipes = new[] { (OfflineGate.Candidate, candidate), (OfflineGate.Production, production) };
        foreach (var (name, recipe) in recipes)
        {
            if (recipe is null)
                continue;
            // A context of its own each: a trainer's seed comes from its context, so one recipe gives one model.
            var ml = new MLContext(seed: 1);
            var model = Fit(ml, set, sample, cutoff, recipe, options);
            scorers.Add(new(name, model.PredictCrashes(ml, inputs), model.Thresholds));
        }
        // The baselines' count cuts come from the labels, whichever recipe trained: the unshuffled default's.
        var cuts = RiskThresholds.FromCounts([.. sample.Select(set.Label)], options.ClassQuantiles);
        scorers.AddRange(BaselineForecasts(new MLContext(seed: 1), set, sample, inputs, cuts));
        return new BacktestScores(
            cutoff, [.. evaluation.Select(set.IntersectionOf)], [.. evaluation.Select(set.Label)], [.. scorers]);
    }

    /// <summary>The four baselines' forecasts for the inputs; they classify on the count cuts themselves.</summary>
    private static IEnumerable<ScorerForecast> BaselineForecasts(
        MLContext ml, SnapshotSet set, int[] sample, List<RiskInput> inputs, RiskThresholds thresholds)
    {
        var counts = new RiskThresholds(thresholds.Cuts);
        var forest = RiskTrainer.TrainForest(ml, sample.Select(set.Input));
        var six = new double[inputs.Count];
        var year = new double[inputs.Count];
        var five = new double[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
            (six[i], year[i], five[i]) = RiskFeatures.Baselines(inputs[i].Features);
        return
        [
            new("last-6m", six, counts),
            new("last-1y", year, counts),
            new("last-5y", five, counts),
            new("forest", RiskTrainer.Predict(ml, forest, inputs.Select(RiskTrainer.WindowsOnly)), counts),
        ];
    }

    /// <summary>The model alone at one cutoff: what a tuning trial is judged on.</summary>
    public static BacktestResult EvaluateModel(
        SnapshotSet set, DateOnly cutoff, RiskTrainerParameters parameters, RiskOptions options)
    {
        var (train, evaluation) = Split(set, cutoff);
        var ml = new MLContext(seed: 1);
        var model = Fit(ml, set, Sample(train, Math.Min(options.MaxTrainingRows, options.MaxBacktestTrainingRows)),
            cutoff, parameters, options);
        var predicted = model.PredictCrashes(ml, [.. evaluation.Select(set.Input)]);
        return RiskMetrics.Evaluate("model", predicted, [.. evaluation.Select(set.Label)], model.Thresholds);
    }

    /// <summary>
    /// Trains the model on the rows, with class cuts from the rows' labels, how much of its multiplier to
    /// trust (<see cref="TreeWeight"/>, by validation inside the rows), and its level: the grid's nowcast
    /// for the horizon after the cutoff over what the model forecasts there. Crash levels drift city-wide
    /// (they fell by a third in 2020), which no corner's own history shows.
    /// </summary>
    /// <remarks><paramref name="view"/> narrows what the model sees (the windows model: three counts).</remarks>
    public static FittedModel Fit(
        MLContext ml,
        SnapshotSet set,
        int[] rows,
        DateOnly cutoff,
        RiskTrainerParameters parameters,
        RiskOptions options,
        ModelView view = ModelView.Risk)
    {
        if (parameters.ShuffledLabels)
            set = set.WithShuffledLabels(seed: 11);
        var labels = rows.Select(set.Label).ToArray();
        var counts = RiskThresholds.FromCounts(labels, options.ClassQuantiles);
        var weight = TreeWeight.Choose(ml, set, rows, parameters, options, view);
        var model = RiskTrainer.TrainModel(
            ml,
            rows.Select(r => view.Narrow(set.TrainingInput(r, cutoff, options.RecencyHalfLifeDays, view))),
            parameters);
        var unit = new FittedModel(model, view, counts, 1, weight);
        var level = NowcastLevel(ml, set, unit, cutoff) ?? SnapshotLevel(ml, set, unit, rows);
        return unit with { Level = level };
    }

    /// <summary>
    /// The grid's nowcast for the horizon after the day (<see cref="GridNowcast"/>) over what the model
    /// forecasts there.
    /// </summary>
    private static double? NowcastLevel(MLContext ml, SnapshotSet set, FittedModel model, DateOnly day)
    {
        if (GridNowcast.ExpectedCrashes(set, day) is not { } expected)
            return null;
        var forecast = model.PredictCrashes(ml, [.. set.RowsAt(day).Select(set.Input)]).Sum();
        // Clamped: a level is evidence about the whole grid, not a licence to halve or double every forecast past that.
        return forecast <= 0 ? null : Math.Clamp(expected / forecast, 0.5, 2);
    }

    /// <summary>
    /// Without a year of history before the day: the crashes after the latest training snapshot over what the
    /// model expected there.
    /// </summary>
    private static double SnapshotLevel(MLContext ml, SnapshotSet set, FittedModel model, int[] rows)
    {
        var latest = rows.Max(set.DayOf);
        var recent = rows.Where(r => set.DayOf(r) == latest).ToArray();
        var expected = model.PredictCrashes(ml, [.. recent.Select(set.Input)]).Sum();
        var happened = recent.Sum(set.Label);
        return expected <= 0 ? 1 : Math.Clamp(happened / expected, 0.5, 2);
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
                $"no corner can be evaluated at {cutoff:yyyy-MM-dd}: the 182 days after it must end " +
                $"by the latest crash ({set.LabelsUntil:yyyy-MM-dd})");
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
