using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VisionZero.Jobs;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// Registers the recurring jobs from configuration at start-up (idempotent: same ids, latest schedule wins). Each
/// starts its job through the queue, so a schedule that fires while a request's job of the kind runs joins it.
/// </summary>
public sealed class JobSchedule(IRecurringJobManager recurring, IOptions<JobOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        recurring.AddOrUpdate<GridJobs>("train", j => j.Scheduled(GridJobKind.Train), o.TrainCron);
        recurring.AddOrUpdate<GridJobs>("tune", j => j.Scheduled(GridJobKind.Tune), o.TuneCron);
        recurring.AddOrUpdate<GridJobs>("live", j => j.Scheduled(GridJobKind.Live), o.LiveCron);
        recurring.AddOrUpdate<GridJobs>("drift", j => j.Scheduled(GridJobKind.Drift), o.DriftCron);
        if (string.IsNullOrWhiteSpace(o.IngestSource))
            recurring.RemoveIfExists("ingest");
        else
            recurring.AddOrUpdate<GridJobs>("ingest", j => j.Scheduled(GridJobKind.Ingest), o.IngestCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
