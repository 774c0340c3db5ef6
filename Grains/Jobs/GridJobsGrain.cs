using Orleans.Concurrency;
using VisionZero.Grains.Risk.Drift;
using VisionZero.Grains.Risk.Live;
using VisionZero.Grains.Risk.Training;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Grains.Jobs;

/// <summary>
/// Hands operators' requests to the job queue; backtests run here, off the scheduler's threads. One activation
/// per silo, reentrant: whether a request joins a running job is decided by the queue, under its storage's lock,
/// which holds across silos.
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class GridJobsGrain(
    IGridJobQueue queue, ModelTrainingService training, LiveAccuracyService live, DriftService drift)
    : Grain, IGridJobsGrain
{
    /// <summary>Who asked is stored with the job and shown to anyone who joins it: one short line.</summary>
    public const int MaxByLength = 100;

    public async Task<string> Enqueue(GridJobKind kind, string by) => (await Start(kind, by)).JobId;

    public Task<GridJobStart> Start(GridJobKind kind, string by)
    {
        if (!Enum.IsDefined(kind) || OfOneVersion(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind: one of " +
                string.Join(", ", Enum.GetValues<GridJobKind>().Where(k => !OfOneVersion(k))) +
                (OfOneVersion(kind) ? " (a gate, staging or canary judges one version)" : ""));
        var who = Requester(by);
        // The queue talks to its storage synchronously and may wait for the start lock: off the grain's thread.
        return Task.Run(() => queue.StartOrJoin(kind, who));
    }

    public async Task<GridJobStart> StartGate(int version, string by)
    {
        if (await GrainFactory.GetGrain<IModelRegistryGrain>(0).Get(version) is null)
            throw new KeyNotFoundException($"model version {version} is not registered");
        var who = Requester(by);
        return await Task.Run(() => queue.StartGate(version, who));
    }

    public async Task<GridJobStart> StartStaging(int version, string by)
    {
        if (await GrainFactory.GetGrain<IModelRegistryGrain>(0).Get(version) is null)
            throw new KeyNotFoundException($"model version {version} is not registered");
        var who = Requester(by);
        return await Task.Run(() => queue.StartStaging(version, who));
    }

    public async Task<GridJobStart> StartCanary(int version, string by)
    {
        if (await GrainFactory.GetGrain<IModelRegistryGrain>(0).Get(version) is null)
            throw new KeyNotFoundException($"model version {version} is not registered");
        var who = Requester(by);
        return await Task.Run(() => queue.StartCanary(version, who));
    }

    private static bool OfOneVersion(GridJobKind kind) =>
        kind is GridJobKind.Gate or GridJobKind.Stage or GridJobKind.Canary;

    public Task<GridJobStatus?> GetStatus(string jobId) => Task.FromResult(queue.Status(jobId));

    public Task<LiveAccuracy> GetLiveAccuracy(int version) => live.ComputeAsync(version);

    public Task<ModelDrift> GetDrift(int version) => drift.ComputeAsync(version);

    public Task<BacktestReport> Backtest(DateOnly cutoff) => training.BacktestAsync(cutoff);

    /// <summary>Control characters dropped and the length capped: another operator's terminal prints it.</summary>
    public static string Requester(string? by)
    {
        var clean = new string((by ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length == 0)
            return "unknown";
        return clean.Length <= MaxByLength ? clean : clean[..MaxByLength] + "…";
    }
}
