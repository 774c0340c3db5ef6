using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using VisionZero.Grains.Jobs;
using VisionZero.Grains.Rollout;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// The grains' job queue on Hangfire: start a job by kind or join the one of that kind not yet finished, read back
/// state, result and error.
/// </summary>
public sealed class HangfireGridJobQueue(IBackgroundJobClient jobs, JobStorage storage, GateSettings gate)
    : IGridJobQueue
{
    /// <summary>Held only while one request looks for a job to join and, finding none, queues one.</summary>
    private const string StartLock = "vz:job-start";

    /// <summary>How long a request waits for another request's decision before giving up.</summary>
    private static readonly TimeSpan StartLockWait = TimeSpan.FromSeconds(30);

    public GridJobStart StartOrJoin(GridJobKind kind, string by) =>
        kind is GridJobKind.Gate or GridJobKind.Stage or GridJobKind.Canary
            ? throw new ArgumentException(
                "a gate, staging or canary judges one version: StartGate, StartStaging or StartCanary", nameof(kind))
            : Start(kind, by, arguments: null, () => Enqueue(kind, by));

    public GridJobStart StartGate(int version, string by) =>
        Start(GridJobKind.Gate, by, arguments => Of(arguments, version),
            () => jobs.Enqueue<GridJobs>(j => j.Gate(by, version, CancellationToken.None)));

    public GridJobStart StartStaging(int version, string by) =>
        Start(GridJobKind.Stage, by, arguments => Of(arguments, version),
            () => jobs.Enqueue<GridJobs>(j => j.Stage(by, version, CancellationToken.None)));

    public GridJobStart StartCanary(int version, string by) =>
        Start(GridJobKind.Canary, by, arguments => Of(arguments, version),
            () => jobs.Enqueue<GridJobs>(j => j.Canary(by, version, CancellationToken.None)));

    /// <summary>A job of one version (its second argument; Hangfire may hand it back as a long).</summary>
    private static bool Of(IReadOnlyList<object?> arguments, int version) =>
        arguments.Count > 1 && arguments[1] is int or long && Convert.ToInt64(arguments[1]) == version;

    private GridJobStart Start(
        GridJobKind kind, string by, Func<IReadOnlyList<object?>, bool>? arguments, Func<string> enqueue)
    {
        var method = UnfinishedJobs.Method(kind);
        using var connection = storage.GetConnection();
        IDisposable held;
        try
        {
            // The storage's lock (a row in PostgreSQL) spans silos: of two requests at once, the second sees
            // the job the first queued.
            held = connection.AcquireDistributedLock(StartLock, StartLockWait);
        }
        catch (DistributedLockTimeoutException)
        {
            throw new TimeoutException(
                $"another request held the job start lock for {StartLockWait.TotalSeconds:F0} s; ask again");
        }
        using (held)
        {
            if (UnfinishedJobs.Find(storage, connection, method, arguments) is { } running)
                return new GridJobStart(running.Id, kind, running.State, Joined: true, running.By);
            string id;
            try
            {
                id = enqueue();
            }
            catch (BackgroundJobClientException e)
            {
                // Hangfire's exception cannot travel to an Orleans client: say what failed in one that can.
                throw new InvalidOperationException(
                    $"the {kind} job could not be queued: {e.InnerException?.Message ?? e.Message}");
            }
            UnfinishedJobs.Remember(connection, method, id);
            return new GridJobStart(id, kind, EnqueuedState.StateName, Joined: false, by);
        }
    }

    public GridJobStatus? Status(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId);
        if (state is null)
            return null;
        int? version = null;
        string? text = null;
        if (state.Name == SucceededState.StateName && state.Data.TryGetValue("Result", out var result))
        {
            // Hangfire keeps a job's return value as JSON: a number for training (the version), a string for the
            // others.
            if (int.TryParse(result, out var v))
                version = v;
            else if (result.StartsWith('"'))
                text = JsonSerializer.Deserialize<string>(result);
        }
        string? error = null;
        if (state.Name == FailedState.StateName)
            error = state.Data.TryGetValue("ExceptionMessage", out var message) ? message : state.Reason;
        return new GridJobStatus(jobId, state.Name, version, error, text);
    }

    private string Enqueue(GridJobKind kind, string by) => kind switch
    {
        GridJobKind.Train => Gated(jobs.Enqueue<GridJobs>(j => j.Train(by, CancellationToken.None)), by),
        GridJobKind.Tune => Gated(jobs.Enqueue<GridJobs>(j => j.Tune(by, CancellationToken.None)), by),
        GridJobKind.Ingest => jobs.Enqueue<GridJobs>(j => j.Ingest(by, CancellationToken.None)),
        GridJobKind.Replay => jobs.Enqueue<GridJobs>(j => j.Replay(by, CancellationToken.None)),
        GridJobKind.Live => jobs.Enqueue<GridJobs>(j => j.LiveCheck(by, CancellationToken.None)),
        GridJobKind.Drift => jobs.Enqueue<GridJobs>(j => j.DriftCheck(by, CancellationToken.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind"),
    };

    /// <summary>
    /// The rollout pipeline's first link: when the training job succeeds, a continuation judges the candidate it
    /// registered at the offline gate (unless <see cref="GateSettings.AfterTraining"/> is off).
    /// </summary>
    private string Gated(string trainingJob, string by)
    {
        if (gate.AfterTraining)
            jobs.ContinueJobWith<GridJobs>(
                trainingJob, j => j.GateTrained(by, trainingJob, CancellationToken.None),
                JobContinuationOptions.OnlyOnSucceededState);
        return trainingJob;
    }
}
