using System.Diagnostics.CodeAnalysis;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using VisionZero.Jobs;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// Finds the job of a kind that is queued or running, for a new request to join: first the one the last start
/// queued (remembered in the job storage, so any silo sees it), then any other in the processing and enqueued lists
/// (one queued before that was remembered, e.g. by an older silo).
/// </summary>
internal static class UnfinishedJobs
{
    public sealed record Found(string Id, string State, string By);

    /// <summary>A storage hash: GridJobs method name → id of the job last queued for it.</summary>
    private const string LastStarted = "vz:last-started-job";

    private static readonly HashSet<string> Finished =
        [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    /// <summary>Jobs are few: a listing this long holds every unfinished one.</summary>
    private const int Listing = 200;

    public static string Method(GridJobKind kind) => kind switch
    {
        GridJobKind.Train => nameof(GridJobs.Train),
        GridJobKind.Tune => nameof(GridJobs.Tune),
        GridJobKind.Ingest => nameof(GridJobs.Ingest),
        GridJobKind.Replay => nameof(GridJobs.Replay),
        GridJobKind.Gate => nameof(GridJobs.Gate),
        GridJobKind.Stage => nameof(GridJobs.Stage),
        GridJobKind.Canary => nameof(GridJobs.Canary),
        GridJobKind.Live => nameof(GridJobs.LiveCheck),
        GridJobKind.Drift => nameof(GridJobs.DriftCheck),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind"),
    };

    public static void Remember(IStorageConnection connection, string method, string id) =>
        connection.SetRangeInHash(LastStarted, [new KeyValuePair<string, string>(method, id)]);

    /// <param name="arguments">When given, only a job whose arguments it accepts is found (a gate: its version).
    /// </param>
    public static Found? Find(
        JobStorage storage,
        IStorageConnection connection,
        string method,
        Func<IReadOnlyList<object?>, bool>? arguments = null)
    {
        if (connection.GetAllEntriesFromHash(LastStarted) is { } last &&
            last.TryGetValue(method, out var lastId) &&
            Unfinished(connection, lastId, method, arguments) is { } remembered)
            return remembered;
        var monitoring = storage.GetMonitoringApi();
        var listed = monitoring.ProcessingJobs(0, Listing).Select(p => (p.Key, p.Value.Job))
            .Concat(monitoring.EnqueuedJobs(EnqueuedState.DefaultQueue, 0, Listing).Select(e => (e.Key, e.Value.Job)));
        foreach (var (id, job) in listed)
            if (IsOf(job, method) && Unfinished(connection, id, method, arguments) is { } found)
                return found;
        return null;
    }

    /// <summary>The job as it stands now, if it is of the method and not finished (nor expired).</summary>
    private static Found? Unfinished(
        IStorageConnection connection, string id, string method, Func<IReadOnlyList<object?>, bool>? arguments)
    {
        var data = connection.GetJobData(id);
        if (data is null || !IsOf(data.Job, method) || data.State is null || Finished.Contains(data.State)
            || arguments is not null && !arguments(data.Job.Args))
            return null;
        return new Found(id, data.State, data.Job.Args.FirstOrDefault() as string ?? "unknown");
    }

    private static bool IsOf([NotNullWhen(true)] Hangfire.Common.Job? job, string method) =>
        job is not null && job.Type == typeof(GridJobs) && job.Method.Name == method;
}
