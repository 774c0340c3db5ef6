using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// Registers the recurring jobs from configuration at start-up (idempotent: same ids, latest schedule wins).
/// </summary>
public sealed class JobSchedule(IRecurringJobManager recurring, IOptions<JobOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        recurring.AddOrUpdate<GridJobs>("train", j => j.Train("schedule", CancellationToken.None), o.TrainCron);
        recurring.AddOrUpdate<GridJobs>("tune", j => j.Tune("schedule", CancellationToken.None), o.TuneCron);
        if (string.IsNullOrWhiteSpace(o.IngestSource))
            recurring.RemoveIfExists("ingest");
        else
            recurring.AddOrUpdate<GridJobs>("ingest", j => j.Ingest("schedule", CancellationToken.None), o.IngestCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
