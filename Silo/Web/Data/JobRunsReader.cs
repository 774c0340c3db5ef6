using System.Collections.Immutable;
using Hangfire;
using Hangfire.Common;
using VisionZero.Jobs;
using VisionZero.Silo.Jobs;

namespace VisionZero.Silo.Web.Data;

/// <summary>The newest job runs from Hangfire's own history: succeeded, failed and running, newest first.</summary>
public static class JobRunsReader
{
    public static ImmutableArray<JobRun> Newest(JobStorage storage, int count)
    {
        var monitoring = storage.GetMonitoringApi();
        var succeeded = monitoring.SucceededJobs(0, count).Select(j => new JobRun(
            j.Key, Kind(j.Value.Job), "Succeeded", j.Value.SucceededAt, j.Value.TotalDuration, null));
        var failed = monitoring.FailedJobs(0, count).Select(j => new JobRun(
            j.Key, Kind(j.Value.Job), "Failed", j.Value.FailedAt, null, Line(j.Value.ExceptionMessage)));
        var running = monitoring.ProcessingJobs(0, count).Select(j => new JobRun(
            j.Key, Kind(j.Value.Job), "Processing", j.Value.StartedAt,
            j.Value.StartedAt is { } started ? (long)(DateTime.UtcNow - started).TotalMilliseconds : null, null));
        return [.. succeeded.Concat(failed).Concat(running).OrderByDescending(j => j.At).Take(count)];
    }

    /// <summary>The method's name, or for a scheduled run the kind it started ("Scheduled Train").</summary>
    private static string Kind(Job? job) => job switch
    {
        null => "unknown",
        { Method.Name: nameof(GridJobs.Scheduled) } when job.Args.FirstOrDefault() is GridJobKind kind =>
            $"Scheduled {kind}",
        _ => job.Method.Name,
    };

    private static string? Line(string? message) =>
        message is null ? null : message.Split('\n', 2)[0].Trim() is var line && line.Length > 300 ? line[..300] : line;
}
