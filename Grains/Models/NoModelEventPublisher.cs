using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>No webhooks configured: stage changes and verdicts are only stored and logged.</summary>
public sealed class NoModelEventPublisher : IModelEventPublisher
{
    public void Publish(StageChange change)
    {
    }

    public void Publish(RolloutStep step)
    {
    }
}
