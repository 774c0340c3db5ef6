using VisionZero.Jobs;

namespace VisionZero.TestSupport;

/// <summary>Queues a background job (train, tune, ingest, replay) and waits until it has finished.</summary>
public static class GridJobRunner
{
    public static async Task<GridJobStatus> RunAsync(IGrainFactory grains, GridJobKind kind, string by,
        TimeSpan? within = null)
    {
        var jobs = grains.GetGrain<IGridJobsGrain>(0);
        var id = await jobs.Enqueue(kind, by);
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromMinutes(5));
        while (true)
        {
            if (await jobs.GetStatus(id) is { Finished: true } status)
                return status;
            await Task.Delay(200, timeout.Token);
        }
    }
}
