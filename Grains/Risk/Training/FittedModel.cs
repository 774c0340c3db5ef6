using Microsoft.ML;
using VisionZero.Risk;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Training;

/// <summary>A trained model with what turns its multiplier into crashes: its view, level and tree weight.</summary>
public sealed record FittedModel(
    ITransformer Model, ModelView View, RiskThresholds Thresholds, double Level, double TreeWeight)
{
    /// <summary>
    /// Expected crashes for full-feature rows (the view is applied here), as RiskModel scores one row.
    /// </summary>
    public double[] PredictCrashes(MLContext ml, IReadOnlyList<RiskInput> rows) =>
        RiskTrainer.PredictCrashes(ml, Model, rows, View, Level, TreeWeight);
}
