using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// Told of every registration, stage change and rollout verdict after the registry stored it (webhooks). Publish
/// must return at once: delivery happens elsewhere and never holds the registry up.
/// </summary>
public interface IModelEventPublisher
{
    void Publish(StageChange change);

    void Publish(RolloutStep step);
}
