using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionZero.Grains.Jobs;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// Without the sample, checks once at start-up whether a first model is due (a grid restored from PostgreSQL).
/// </summary>
public sealed class FirstModelBootstrap(
    IGrainFactory grains, IGridJobQueue jobs, IOptions<JobOptions> options, IHostApplicationLifetime lifetime,
    ILogger<FirstModelBootstrap> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        if (!options.Value.TrainFirstModel)
            return;
        await FirstModel.RequestIfNoneAsync(grains, jobs, logger);
    }
}
