using Microsoft.ML.Data;
using VisionZero.Risk;

namespace VisionZero.Scoring;

/// <summary>One row as ML.NET sees it: the feature vector and (for training) the 182-day crash count.</summary>
public sealed class RiskInput
{
    [VectorType(RiskFeatures.FixedCount)]
    public float[] Features { get; set; } = new float[RiskFeatures.FixedCount];

    public float Label { get; set; }

    /// <summary>How much the row counts in training: recent snapshots weigh more (see SnapshotSet.Input).</summary>
    public float Weight { get; set; } = 1;
}
