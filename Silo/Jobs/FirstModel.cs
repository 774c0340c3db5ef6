using Microsoft.Extensions.Logging;
using VisionZero.Grains.Jobs;
using VisionZero.Grid;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// The first run trains and promotes a model without anyone asking: when the registry is empty and the
/// grid holds crashes, a training job is queued (it promotes its version because nothing is in production). It starts
/// like a request's, so a `vz train` meanwhile joins it.
/// </summary>
public static class FirstModel
{
    public static async Task<string?> RequestIfNoneAsync(IGrainFactory grains, IGridJobQueue queue, ILogger logger)
    {
        var versions = await grains.GetGrain<IModelRegistryGrain>(0).List();
        if (!versions.IsDefaultOrEmpty)
            return null;
        if (await grains.GetGrain<IDataClockGrain>(0).GetLatestCrashDate() is null)
            return null;
        var job = queue.StartOrJoin(GridJobKind.Train, "first run");
        logger.LogInformation("No model registered yet: training job {Job} {How}", job.JobId,
            job.Joined ? $"already {job.State.ToLowerInvariant()} (started by {job.StartedBy}): joined" : "queued");
        return job.JobId;
    }
}
