using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// Told of every registration and stage change after the registry stored it (webhooks). Publish must return at
/// once: delivery happens elsewhere and never holds the registry up.
/// </summary>
public interface IStageChangePublisher
{
    void Publish(StageChange change);
}
