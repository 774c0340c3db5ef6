using System.Text.Json;
using Hangfire;
using Hangfire.States;
using VisionZero.Grains.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Jobs;

/// <summary>The grains' job queue on Hangfire: enqueue by kind, read back state, result and error.</summary>
public sealed class HangfireModelJobQueue(IBackgroundJobClient jobs, JobStorage storage) : IModelJobQueue
{
    public string Enqueue(ModelJobKind kind, string by) => kind switch
    {
        ModelJobKind.Train => jobs.Enqueue<ModelJobs>(j => j.Train(by, CancellationToken.None)),
        ModelJobKind.Tune => jobs.Enqueue<ModelJobs>(j => j.Tune(by, CancellationToken.None)),
        ModelJobKind.Ingest => jobs.Enqueue<ModelJobs>(j => j.Ingest(by, CancellationToken.None)),
        ModelJobKind.Replay => jobs.Enqueue<ModelJobs>(j => j.Replay(by, CancellationToken.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind"),
    };

    public ModelJobStatus? Status(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId);
        if (state is null)
            return null;
        int? version = null;
        string? text = null;
        if (state.Name == SucceededState.StateName && state.Data.TryGetValue("Result", out var result))
        {
            // Hangfire keeps a job's return value as JSON: a number for training (the version), a string for the others.
            if (int.TryParse(result, out var v))
                version = v;
            else if (result.StartsWith('"'))
                text = JsonSerializer.Deserialize<string>(result);
        }
        string? error = null;
        if (state.Name == FailedState.StateName)
            error = state.Data.TryGetValue("ExceptionMessage", out var message) ? message : state.Reason;
        return new ModelJobStatus(jobId, state.Name, version, error, text);
    }
}
