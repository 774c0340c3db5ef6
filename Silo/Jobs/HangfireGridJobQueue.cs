using System.Text.Json;
using Hangfire;
using Hangfire.States;
using VisionZero.Grains.Jobs;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Jobs;

/// <summary>The grains' job queue on Hangfire: enqueue by kind, read back state, result and error.</summary>
public sealed class HangfireGridJobQueue(IBackgroundJobClient jobs, JobStorage storage) : IGridJobQueue
{
    public string Enqueue(GridJobKind kind, string by) => kind switch
    {
        GridJobKind.Train => jobs.Enqueue<GridJobs>(j => j.Train(by, CancellationToken.None)),
        GridJobKind.Tune => jobs.Enqueue<GridJobs>(j => j.Tune(by, CancellationToken.None)),
        GridJobKind.Ingest => jobs.Enqueue<GridJobs>(j => j.Ingest(by, CancellationToken.None)),
        GridJobKind.Replay => jobs.Enqueue<GridJobs>(j => j.Replay(by, CancellationToken.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind"),
    };

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
}
