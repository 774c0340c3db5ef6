using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using VisionZero.Grains.Jobs;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// The grains' job queue on Hangfire: start a job by kind or join the one of that kind not yet finished, read back
/// state, result and error.
/// </summary>
public sealed class HangfireGridJobQueue(IBackgroundJobClient jobs, JobStorage storage) : IGridJobQueue
{
    /// <summary>Held only while one request looks for a job to join and, finding none, queues one.</summary>
    private const string StartLock = "vz:job-start";

    /// <summary>How long a request waits for another request's decision before giving up.</summary>
    private static readonly TimeSpan StartLockWait = TimeSpan.FromSeconds(30);

    public GridJobStart StartOrJoin(GridJobKind kind, string by)
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
            if (UnfinishedJobs.Find(storage, connection, method) is { } running)
                return new GridJobStart(running.Id, kind, running.State, Joined: true, running.By);
            string id;
            try
            {
                id = Enqueue(kind, by);
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
        GridJobKind.Train => jobs.Enqueue<GridJobs>(j => j.Train(by, CancellationToken.None)),
        GridJobKind.Tune => jobs.Enqueue<GridJobs>(j => j.Tune(by, CancellationToken.None)),
        GridJobKind.Ingest => jobs.Enqueue<GridJobs>(j => j.Ingest(by, CancellationToken.None)),
        GridJobKind.Replay => jobs.Enqueue<GridJobs>(j => j.Replay(by, CancellationToken.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind"),
    };
}
