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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind"),
    };

    public ModelJobStatus? Status(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId);
        if (state is null)
            return null;
        int? version = null;
        if (state.Name == SucceededState.StateName && state.Data.TryGetValue("Result", out var result) &&
            int.TryParse(result, out var v))
            version = v;
        string? error = null;
        if (state.Name == FailedState.StateName)
            error = state.Data.TryGetValue("ExceptionMessage", out var message) ? message : state.Reason;
        return new ModelJobStatus(jobId, state.Name, version, error);
    }
}
