using Orleans.Concurrency;
using VisionZero.Models;

namespace VisionZero.Jobs;

/// <summary>
/// The door from vz and the HTTP API to the silo's background jobs and to backtests (key 0).
/// Jobs run in Hangfire on any silo; the same kind never runs twice at once: asking for a kind already queued or
/// running joins that job.
/// </summary>
[Alias("vz.IModelJobsGrain")] // the wire name predates the rename: kept
public interface IGridJobsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Queues a job now, or joins the one of the same kind already queued or running; returns that job's id.
    /// </summary>
    [Alias("Enqueue")]
    Task<string> Enqueue(GridJobKind kind, string by);

    /// <summary>
    /// As <see cref="Enqueue"/>, saying also whether the job was joined (and who started it) and its state.
    /// A finished job is never joined: asking again after it starts a new one.
    /// </summary>
    [Alias("Start")]
    Task<GridJobStart> Start(GridJobKind kind, string by);

    /// <summary>
    /// Queues the offline gate of a registered version, or joins that version's gate still queued or running.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    [Alias("StartGate")]
    Task<GridJobStart> StartGate(int version, string by);

    /// <summary>
    /// Queues the staging load test of a registered version, or joins that version's test still queued or running.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    [Alias("StartStaging")]
    Task<GridJobStart> StartStaging(int version, string by);

    /// <summary>
    /// Queues the canary soak of a registered version, or joins that version's soak still queued or running.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    [Alias("StartCanary")]
    Task<GridJobStart> StartCanary(int version, string by);

    [ReadOnly, Alias("GetStatus")]
    Task<GridJobStatus?> GetStatus(string jobId);

    /// <summary>
    /// Trains the model and every baseline on snapshots before the cutoff and scores the 182 days after it.
    /// </summary>
    /// <summary>
    /// The version's accuracy on the predictions it served whose 182 days have passed on the data clock, beside its
    /// backtest.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    [ReadOnly, Alias("GetLiveAccuracy"), ResponseTimeout("00:05:00")]
    Task<LiveAccuracy> GetLiveAccuracy(int version);

    /// <summary>
    /// The version's drift on the data clock's day: each feature's and the predictions' PSI against its training
    /// window.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    [ReadOnly, Alias("GetDrift"), ResponseTimeout("00:05:00")]
    Task<ModelDrift> GetDrift(int version);

    [ReadOnly, Alias("Backtest"), ResponseTimeout("00:30:00")]
    Task<BacktestReport> Backtest(DateOnly cutoff);
}
