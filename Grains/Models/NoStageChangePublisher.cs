using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>No webhooks configured: stage changes are only stored and logged.</summary>
public sealed class NoStageChangePublisher : IStageChangePublisher
{
    public void Publish(StageChange change)
    {
    }
}
