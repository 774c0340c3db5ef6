using Orleans.Concurrency;

namespace VisionZero.Models;

/// <summary>
/// A client outside the cluster (the edge, a dashboard) told when production changes; it then fetches
/// the bytes with IModelRegistryGrain.GetArtifact. Subscriptions expire after 5 minutes: renew each minute.
/// </summary>
[Alias("vz.IModelObserver")]
public interface IModelObserver : IGrainObserver
{
    /// <summary>The new production version (null: none). One-way: a slow client never holds up a promotion.</summary>
    [OneWay, Alias("ProductionChanged")]
    Task ProductionChanged(ModelVersionInfo? production);
}
