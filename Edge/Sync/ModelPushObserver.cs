using VisionZero.Models;

namespace VisionZero.Edge.Sync;

/// <summary>The registry's push to this edge: wakes the sync loop at once instead of at its next poll.</summary>
internal sealed class ModelPushObserver(Action wake) : IModelObserver
{
    public Task ProductionChanged(ModelVersionInfo? production)
    {
        wake();
        return Task.CompletedTask;
    }
}
