using VisionZero.Risk;

namespace VisionZero.Scoring;

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
    /// <summary>The forest and the windows model see only the 6-month, 1-year and 5-year counts.</summary>
    public const int WindowFeatureCount = 3;

    public static RiskInput Narrow(this ModelView view, RiskInput row) =>
        view == ModelView.Windows ? WindowsOnly(row) : row;

    /// <summary>The row with only the three window counts (the rest zero, so never split on).</summary>
    public static RiskInput WindowsOnly(RiskInput row)
    {
        var features = new float[row.Features.Length];
        Array.Copy(row.Features, features, WindowFeatureCount);
        return new RiskInput { Features = features, Label = row.Label, Weight = row.Weight };
    }

    public static double Exposure(this ModelView view, ReadOnlySpan<float> features) =>
        view == ModelView.Windows ? RiskFeatures.WindowsExposure(features) : RiskFeatures.Exposure(features);

    /// <summary>
    /// Expected crashes from the trees' multiplier: level × exposure × (1 − w + w × multiplier). A weight
    /// below 1 pulls the multiplier toward 1 (the corner's own history); training chooses it by validation.
    /// </summary>
    public static double Crashes(
        this ModelView view, ReadOnlySpan<float> features, double multiplier, double level, double treeWeight) =>
        level * view.Exposure(features) * (1 - treeWeight + treeWeight * multiplier);
}
