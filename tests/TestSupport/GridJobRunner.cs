using VisionZero.Jobs;

namespace VisionZero.TestSupport;

/// <summary>Queues a background job (train, tune, ingest, replay) and waits until it has finished.</summary>
public static class GridJobRunner
{
    public static async Task<GridJobStatus> RunAsync(IGrainFactory grains, GridJobKind kind, string by,
        TimeSpan? within = null) =>
        await FollowAsync(grains, await grains.GetGrain<IGridJobsGrain>(0).Enqueue(kind, by), kind, within);

    /// <summary>Waits until a job already queued (or joined) has finished.</summary>
    public static async Task<GridJobStatus> FollowAsync(IGrainFactory grains, string id, GridJobKind kind,
        TimeSpan? within = null)
    {
        var jobs = grains.GetGrain<IGridJobsGrain>(0);
        var limit = within ?? TimeSpan.FromMinutes(5);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var status = await jobs.GetStatus(id);
            if (status is { Finished: true })
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(
                    $"the {kind} job {id} had not finished after {limit.TotalMinutes:F0} min: " +
                    (status is null ? "Hangfire does not know it" : $"it was {status.State}"));
            await Task.Delay(200);
        }
    }
}
