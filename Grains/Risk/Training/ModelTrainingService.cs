using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using VisionZero.Grid;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Grains.Models;
using VisionZero.Grains.Risk.Drift;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Rollout;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Training;

/// <summary>
/// Builds snapshots from the grid, backtests, trains and registers model versions. Runs in jobs (and
/// for `vz backtest` behind a grain), never inside an intersection's turn; the CPU-heavy parts run on
/// the thread pool.
/// </summary>
public sealed class ModelTrainingService(
    IGrainFactory grains, IOptions<RiskOptions> options, DriftSettings drift, ILogger<ModelTrainingService> logger)
{
    private RiskOptions Options => options.Value;

    /// <summary>
    /// Trains on every snapshot with a known label, registers a candidate, and promotes it if nothing is in
    /// production.
    /// </summary>
    public async Task<ModelVersionInfo> TrainAsync(
        string by,
        RiskTrainerParameters? parameters = null,
        string why = "scheduled training",
        CancellationToken cancellationToken = default)
    {
        parameters ??= new RiskTrainerParameters();
        if (Options.TestScoringDelayMs > 0 && await grains.GetGrain<IModelRegistryGrain>(0).GetProduction() is not null)
            parameters = parameters with { ScoringDelayMs = Options.TestScoringDelayMs };
        var watch = Stopwatch.StartNew();
        var (set, days) = await BuildAsync([]);
        var built = watch.Elapsed;
        cancellationToken.ThrowIfCancellationRequested();
        var cutoffs = BacktestCutoffs(days);
        var draft = await Task.Run(() =>
        {
            var backtests = cutoffs.Select(c => Backtester.Run(set, c, parameters, Options)).ToImmutableArray();
            cancellationToken.ThrowIfCancellationRequested();
            return Train(set, parameters, backtests);
        }, cancellationToken);
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var version = await registry.Register(draft.Details, draft.Artifact, by);
        logger.LogInformation(
            "Model version {Version} trained on {Rows} rows ({Intersections} corners, {Days} snapshots): " +
            "snapshots {Built:F1} s, total {Total:F1} s",
            version.Version, draft.Details.TrainingRows, set.Intersections, days.Length, built.TotalSeconds,
            watch.Elapsed.TotalSeconds);
        if (await registry.GetProduction() is null)
            version = await registry.Promote(
                version.Version, ModelStage.Production, by, "first model: nothing was in production");
        return version;
    }

    /// <summary>
    /// The offline gate: the version's recipe and production's, each backtested at the training's cutoffs beside the
    /// baselines, judged by <see cref="OfflineGate"/>. The verdict is stored in the version's rollout history.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    /// <exception cref="InvalidOperationException">The version is in production already.</exception>
    public async Task<RolloutStep> GateAsync(
        int version, GateSettings settings, string by, CancellationToken cancellationToken = default)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var candidate = await registry.Get(version)
            ?? throw new KeyNotFoundException(ModelText.UnknownVersion(version));
        var production = await registry.GetProduction();
        if (production?.Version == version)
            throw new InvalidOperationException($"model version {version} is in production already: nothing to gate");
        var (set, days) = await BuildAsync([]);
        cancellationToken.ThrowIfCancellationRequested();
        var cutoffs = BacktestCutoffs(days);
        var verdict = await Task.Run(() =>
        {
            var scores = new List<Scoring.Evaluation.BacktestScores>();
            foreach (var cutoff in cutoffs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                scores.Add(Backtester.GateScores(set, cutoff,
                    RiskTrainerParameters.FromDictionary(candidate.Details.Parameters),
                    production is null ? null : RiskTrainerParameters.FromDictionary(production.Details.Parameters),
                    Options));
            }
            return OfflineGate.Judge(scores, settings);
        }, cancellationToken);
        var against = production is null
            ? "no version in production; "
            : $"against production version {production.Version}; ";
        var step = new RolloutStep(
            version,
            RolloutNames.OfflineGate,
            verdict.Passed ? RolloutNames.Passed : RolloutNames.Failed,
            against + verdict.Why,
            DateTimeOffset.UtcNow,
            by,
            settings.ToDictionary()
                .Add("cutoffs", string.Join(",", cutoffs.Select(c => c.ToString("yyyy-MM-dd"))))
                .Add("production", production is null ? "none" : $"{production.Version}"),
            verdict.Figures,
            []);
        await registry.RecordRolloutStep(step);
        return step;
    }

    /// <summary>The backtest table at one cutoff, trained and evaluated now (nothing is registered).</summary>
    public async Task<BacktestReport> BacktestAsync(DateOnly cutoff)
    {
        var (set, _) = await BuildAsync([cutoff]);
        return await Task.Run(() => Backtester.Run(set, cutoff, new RiskTrainerParameters(), Options));
    }

    /// <summary>
    /// Random search over the trees' parameters, each trial judged on the latest backtest cutoff
    /// (time-ordered validation); the best is trained on everything and registered as a candidate.
    /// </summary>
    public async Task<ModelVersionInfo> TuneAsync(int trials, string by, CancellationToken cancellationToken = default)
    {
        var (set, days) = await BuildAsync([]);
        var cutoff = BacktestCutoffs(days).Last();
        var random = new Random(trials * 7919 + days.Length);
        var candidates = new List<RiskTrainerParameters> { new() };
        while (candidates.Count < Math.Max(1, trials))
            candidates.Add(RiskTrainerParameters.Sample(random));
        var draft = await Task.Run(() =>
        {
            var scored = new List<(RiskTrainerParameters Parameters, BacktestResult Result)>();
            foreach (var candidate in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = Backtester.EvaluateModel(set, cutoff, candidate, Options);
                logger.LogInformation(
                    "Tuning trial {Parameters}: capture5 {Capture5:F4}, deviance {Deviance:F4}",
                    candidate, result.Capture5, result.PoissonDeviance);
                scored.Add((candidate, result));
            }
            // Deviance judges the whole forecast; capture alone rewards only the top of the list.
            var best = scored.OrderBy(s => s.Result.PoissonDeviance).First().Parameters;
            var backtests = BacktestCutoffs(days)
                .Select(c => Backtester.Run(set, c, best, Options))
                .ToImmutableArray();
            return Train(set, best, backtests);
        }, cancellationToken);
        return await grains.GetGrain<IModelRegistryGrain>(0).Register(
            draft.Details with
            {
                Parameters = draft.Details.Parameters.Add("tuningTrials", candidates.Count.ToString()),
            },
            draft.Artifact,
            by);
    }

    private (ModelDraft Details, byte[] Artifact) Train(
        SnapshotSet set, RiskTrainerParameters parameters, ImmutableArray<BacktestReport> backtests)
    {
        var rows = set.TrainingRowsBefore(set.LabelsUntil).ToArray();
        if (rows.Length == 0)
            throw new InvalidOperationException(
                "no snapshot has a complete 182-day label yet: ingest more history before training");
        var ml = new MLContext(seed: 1);
        var sample = Backtester.Sample(rows, Options.MaxTrainingRows);
        var model = Backtester.Fit(ml, set, sample, set.LabelsUntil, parameters, Options);
        // Three features need fewer rows: the backtests' cap keeps a NYC-size job inside its two minutes.
        var windowsSample =
            Backtester.Sample(sample, Math.Min(Options.MaxTrainingRows, Options.MaxBacktestTrainingRows));
        var windows = Backtester.Fit(ml, set, windowsSample, set.LabelsUntil, parameters, Options, ModelView.Windows);
        var details = new ModelDraft(
            set.DayOf(rows[0]), rows.Max(set.DayOf), RiskFeatures.Names, RiskTrainer.ModelTrainer,
            parameters.ToDictionary(), model.Thresholds, backtests, sample.Length, RiskFeatures.Schema, model.Level,
            windows.Level, model.TreeWeight, windows.TreeWeight,
            Profile(ml, set, Backtester.Sample(sample, drift.ProfileRows), model));
        return (details,
            new ModelArtifact(RiskTrainer.Save(ml, model.Model), RiskTrainer.Save(ml, windows.Model)).ToBytes());
    }

    /// <summary>The training window's drift profile: its rows' features and the model's predictions for them.</summary>
    private static DriftReference Profile(MLContext ml, SnapshotSet set, int[] rows, FittedModel model)
    {
        var predictions = model.PredictCrashes(ml, [.. rows.Select(set.Input)]);
        return DriftProfile.Reference(rows.Min(set.DayOf), rows.Max(set.DayOf), set.FeatureRows(rows), predictions);
    }

    private async Task<(SnapshotSet Set, ImmutableArray<DateOnly> Days)> BuildAsync(IEnumerable<DateOnly> extraDays)
    {
        var clock = grains.GetGrain<IDataClockGrain>(0);
        var latest = await clock.GetLatestCrashDate()
            ?? throw new InvalidOperationException("no crash has been ingested yet: there is nothing to learn from");
        var earliest = await clock.GetEarliestCrashDate() ?? latest;
        var days = SnapshotBuilder.MonthlyDays(earliest, latest, Options.SnapshotMonths, Options.MinimumHistoryDays);
        // Every day a model is fitted for (the latest for a version, a cutoff for a backtest) and the days
        // the days one to GridNowcast.Years years before it: the grid's nowcast compares them.
        var fitted = extraDays.Append(latest).ToList();
        var yearsBefore = Enumerable.Range(1, GridNowcast.Years).SelectMany(y => fitted.Select(d => d.AddYears(-y)));
        var all = days.Concat(fitted)
            .Concat(yearsBefore)
            .Where(d => d >= earliest)
            .Distinct()
            .Order()
            .ToImmutableArray();
        if (days.Length < 2)
            throw new InvalidOperationException(
                $"crashes from {earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd} give {days.Length} monthly snapshot(s) " +
                "with a complete label; at least 2 are needed");
        // Only the monthly days train; the others are there for the nowcast and the backtests' evaluation.
        return (
            await SnapshotBuilder.BuildAsync(grains, all, latest, Options.SnapshotConcurrency, trainingDays: days),
            days);
    }

    /// <summary>
    /// The latest snapshot day with a known label and the ones 6, 12 ... months before it, oldest first.
    /// </summary>
    private ImmutableArray<DateOnly> BacktestCutoffs(ImmutableArray<DateOnly> days)
    {
        var last = days[^1];
        return [.. Enumerable.Range(0, Math.Max(1, Options.BacktestCutoffs))
            .Select(i => last.AddMonths(-6 * i))
            .Where(d => d > days[0])
            .DefaultIfEmpty(last)
            .Order()];
    }
}
