using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;
using VisionZero.Grains;
using VisionZero.Grains.Jobs;
using VisionZero.Grains.Ingest;
using VisionZero.Grains.Risk.Drift;
using VisionZero.Grains.Risk.Live;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Grains.Rollout;
using VisionZero.Models;
using VisionZero.Silo.Rollout;
using VisionZero.Jobs;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// The Hangfire jobs. Requests and schedules start them through the queue, which joins a job of the same kind
/// still queued or running rather than queue a second; a distributed lock per job stays as a safety net (a second
/// one that slipped past would fail at once, saying so). No automatic retry: a failure is reported, not repeated.
/// Training and tuning only register candidates (or the very first model): production changes only
/// by promotion, so a failed job leaves it as it was.
/// </summary>
public sealed class GridJobs(
    ModelTrainingService training, CrashSourceIngestor ingestor, AbandonedRunReplay replay, IOptions<RiskOptions> risk,
    IGridJobQueue queue, GateSettings gate, StagingStep staging, CanaryStep canary, IGrainFactory grains,
    LiveAccuracyService live, LiveSettings liveSettings, DriftService drift)
{
    /// <summary>Who a failed gate's follow-up training says asked for it; its own candidate is not followed up.
    /// </summary>
    public const string GateFollowUpBy = "offline gate";

    /// <summary>What the recurring schedules run: starts the kind's job, or joins the one a request started.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scheduled {0} job")]
    public string Scheduled(GridJobKind kind)
    {
        var start = queue.StartOrJoin(kind, "schedule");
        return start.Joined
            ? $"job {start.JobId} (started by {start.StartedBy}) was still {start.State.ToLowerInvariant()}: joined it"
            : $"queued job {start.JobId}";
    }

    [DisableConcurrentExecution(timeoutInSeconds: 5), AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Train the risk model (requested by {0})")]
    public Task<int> Train(string by, CancellationToken cancellationToken) =>
        Timed("train", async () =>
            (await training.TrainAsync(by, why: "training job", cancellationToken: cancellationToken)).Version);

    [DisableConcurrentExecution(timeoutInSeconds: 5), AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Tune the risk model (requested by {0})")]
    public Task<int> Tune(string by, CancellationToken cancellationToken) =>
        Timed("tune", async () => (await training.TuneAsync(risk.Value.TuneTrials, by, cancellationToken)).Version);

    [DisableConcurrentExecution(timeoutInSeconds: 5), AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Ingest new crash records (requested by {0})")]
    public Task<string> Ingest(string by, CancellationToken cancellationToken) =>
        Timed("ingest", () => ingestor.IngestAsync(cancellationToken));

    [DisableConcurrentExecution(timeoutInSeconds: 5), AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Replay the stored records of abandoned ingests (requested by {0})")]
    public Task<string> Replay(string by, CancellationToken cancellationToken) => Timed("replay", async () =>
        await replay.ReplayAsync(cancellationToken) is { } summary
            ? $"replayed {summary.Read} stored records of abandoned runs: {summary.Duplicates} applied again, " +
              $"{summary.IntersectionsTouched} corners updated, {summary.Unmatched} unmatched"
            : "no abandoned run has stored records left to replay");

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Offline gate of model version {1} (requested by {0})")]
    public Task<string> Gate(string by, int version, CancellationToken cancellationToken) =>
        Timed("gate", () => JudgeAsync(by, version, cancellationToken));

    /// <summary>The continuation of a training or tuning job: the gate of the candidate that job registered.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Offline gate of the candidate of job {1} (requested by {0})")]
    public Task<string> GateTrained(string by, string trainingJob, CancellationToken cancellationToken) =>
        Timed("gate", async () =>
        {
            if (await FinishedAsync(trainingJob, cancellationToken) is not { Version: { } version })
                return $"job {trainingJob} registered no version: nothing to gate";
            var production = await grains.GetGrain<IModelRegistryGrain>(0).GetProduction();
            return production?.Version == version
                ? $"version {version} went to production as the first model: nothing to gate it against"
                : await JudgeAsync(by, version, cancellationToken);
        });

    /// <summary>
    /// The training job's final status. Hangfire can start a continuation a moment before its parent's succeeded
    /// state (which holds the version) is committed: on a busy machine the gate would find no version and stop.
    /// </summary>
    private async Task<GridJobStatus?> FinishedAsync(string jobId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var status = queue.Status(jobId);
            var state = status?.State;
            var final = state == SucceededState.StateName || state == FailedState.StateName
                || state == DeletedState.StateName;
            if (final || DateTime.UtcNow > deadline)
                return status;
            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<string> JudgeAsync(string by, int version, CancellationToken cancellationToken)
    {
        var step = await training.GateAsync(version, gate, by, cancellationToken);
        if (step.Verdict == RolloutNames.Passed)
            return $"version {version} passed the offline gate: {step.Why}" + (staging.Settings.AfterGate
                ? $"; staging job {queue.StartStaging(version, $"{GateFollowUpBy} (version {version} passed)").JobId}"
                : "");
        return $"version {version} failed the offline gate: {step.Why}; {await FollowUpAsync(version)}";
    }

    /// <summary>
    /// A failed candidate queues a retrain or a tune, as configured; not when it was itself such a follow-up,
    /// which would loop.
    /// </summary>
    private async Task<string> FollowUpAsync(int version)
    {
        if (gate.OnFail == GateFollowUp.None)
            return "no follow-up (Rollout:Gate:OnFail is none)";
        var history = await grains.GetGrain<IModelRegistryGrain>(0).History(version);
        if (history.FirstOrDefault()?.By.StartsWith(GateFollowUpBy, StringComparison.Ordinal) == true)
            return "it was itself a failed gate's follow-up: nothing more is queued";
        var kind = gate.OnFail == GateFollowUp.Retrain ? GridJobKind.Train : GridJobKind.Tune;
        var start = queue.StartOrJoin(kind, $"{GateFollowUpBy} (version {version} failed)");
        return $"{(start.Joined ? "joined" : "queued")} {kind.ToString().ToLowerInvariant()} job {start.JobId}";
    }

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Staging load test of model version {1} (requested by {0})")]
    public Task<string> Stage(string by, int version, CancellationToken cancellationToken) =>
        Timed("staging", async () =>
        {
            var (passed, text) = await staging.RunAsync(version, by, cancellationToken);
            return passed && canary.Settings.AfterStaging
                ? $"{text}; canary job {queue.StartCanary(version, $"staging (version {version} passed)").JobId}"
                : text;
        });

    /// <summary>The soak ends the pipeline: the version goes to production, or is rolled back.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Canary soak of model version {1} (requested by {0})")]
    public Task<string> Canary(string by, int version, CancellationToken cancellationToken) =>
        Timed("canary", async () => (await canary.RunAsync(version, by, cancellationToken)).Text);

    /// <summary>
    /// The feedback loop: production's live accuracy against its backtest, kept in the metrics; a retrain when it
    /// fell further than the margin, asked for with the reason.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 5), AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Check production's live accuracy (requested by {0})")]
    public Task<string> LiveCheck(string by, CancellationToken cancellationToken) => Timed("live", async () =>
    {
        if (await grains.GetGrain<IModelRegistryGrain>(0).GetProduction() is not { } production)
            return "no version is in production: nothing to check";
        var accuracy = await live.ComputeAsync(production.Version, cancellationToken);
        GridMetrics.RecordLive(accuracy);
        var (retrain, why) = LiveJudge.Judge(accuracy, liveSettings);
        if (!retrain)
            return why;
        var start = queue.StartOrJoin(GridJobKind.Train, $"live accuracy (version {production.Version} fell)");
        return $"{why}; {(start.Joined ? "joined" : "queued")} train job {start.JobId}";
    });

    /// <summary>
    /// Drift: production's features and predictions on the data clock's day against its training window, kept in
    /// the metrics; a retrain when one passed the threshold, asked for with the reason.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 5), AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Check production's drift (requested by {0})")]
    public Task<string> DriftCheck(string by, CancellationToken cancellationToken) => Timed("drift", async () =>
    {
        if (await grains.GetGrain<IModelRegistryGrain>(0).GetProduction() is not { } production)
            return "no version is in production: nothing to check";
        var result = await drift.ComputeAsync(production.Version, cancellationToken);
        GridMetrics.RecordDrift(result);
        if (!result.Drifted)
            return result.Why;
        var start = queue.StartOrJoin(GridJobKind.Train, $"drift (version {production.Version} drifted)");
        return $"{result.Why}; {(start.Joined ? "joined" : "queued")} train job {start.JobId}";
    });

    private static async Task<T> Timed<T>(string job, Func<Task<T>> run)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await run();
            outcome = "succeeded";
            return result;
        }
        finally
        {
            GridMetrics.JobDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                new("job", job), new("outcome", outcome));
        }
    }
}
