using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Web.Data;

/// <summary>
/// Drift and live accuracy are computed over the whole grid when asked: the dashboard polls, so they are kept for a
/// few minutes per production version rather than computed at every poll.
/// </summary>
public sealed class ModelHealthCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ModelHealth Health, DateTimeOffset At)? _kept;

    public async Task<ModelHealth?> CurrentAsync(CancellationToken cancellationToken)
    {
        var production = await grains.GetGrain<IModelRegistryGrain>(0).GetProduction();
        if (production is null)
            return null;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_kept is { } kept && kept.Health.Version == production.Version && time.GetUtcNow() - kept.At < KeptFor)
                return kept.Health;
            var jobs = grains.GetGrain<IGridJobsGrain>(0);
            var health = new ModelHealth(
                production.Version,
                await Measured(() => jobs.GetDrift(production.Version)),
                await Measured(() => jobs.GetLiveAccuracy(production.Version)));
            _kept = (health, time.GetUtcNow());
            return health;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A measure that cannot be made now (no data yet, the version just retired) is shown as absent.</summary>
    private static async Task<T?> Measured<T>(Func<Task<T>> measure) where T : class
    {
        try
        {
            return await measure();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }
}
