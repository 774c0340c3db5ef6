namespace VisionZero.Grains.Risk;

/// <summary>
/// The production model of this silo, one instance per version for all its grains. Swapped
/// atomically: a grain scoring during the swap finishes on the version it started with.
/// </summary>
public sealed class ProductionModel
{
    public ProductionModel() => GridMetrics.ObserveModelVersion(() => _current?.Version ?? 0);

    private volatile RiskModel? _current;
    private volatile string _unavailable = "no model is in production yet: train one (vz train) and promote it";

    public RiskModel? Current => _current;

    /// <summary>Why there is no model, when there is none.</summary>
    public string Unavailable => _unavailable;

    public void Use(RiskModel model) => _current = model;

    public void Clear(string why)
    {
        _current = null;
        _unavailable = why;
    }
}
