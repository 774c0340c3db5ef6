using VisionZero.Risk;

namespace VisionZero.Grains.Risk;

/// <summary>
/// What a model sees, and so what its multiplier multiplies: the risk model every feature and the
/// corner's weighted exposure; the windows model the three window counts and the 5-year exposure
/// (all a client of POST /api/predict sends).
/// </summary>
public enum ModelView
{
    Risk,
    Windows,
}

public static class ModelViews
{
    public static RiskInput Narrow(this ModelView view, RiskInput row) => view == ModelView.Windows ? RiskTrainer.WindowsOnly(row) : row;

    public static double Exposure(this ModelView view, ReadOnlySpan<float> features) =>
        view == ModelView.Windows ? RiskFeatures.WindowsExposure(features) : RiskFeatures.Exposure(features);

    /// <summary>
    /// Expected crashes from the trees' multiplier: level × exposure × (1 − w + w × multiplier). A weight
    /// below 1 pulls the multiplier toward 1 (the corner's own history), chosen by validation (<see cref="TreeWeight"/>).
    /// </summary>
    public static double Crashes(this ModelView view, ReadOnlySpan<float> features, double multiplier, double level, double treeWeight) =>
        level * view.Exposure(features) * (1 - treeWeight + treeWeight * multiplier);
}
