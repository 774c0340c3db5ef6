namespace VisionZero.Scoring;

/// <summary>The regression's answer: expected crashes over the horizon.</summary>
public sealed class RiskOutput
{
    public float Score { get; set; }
}
