using System.Collections.Immutable;

namespace VisionZero.Risk;

/// <summary>One intersection's forecast as of a day, by one model version.</summary>
[GenerateSerializer, Immutable, Alias("vz.RiskAssessment")]
public sealed record RiskAssessment(
    [property: Id(0)] double RiskScore,
    [property: Id(1)] RiskClass RiskClass,
    [property: Id(2)] ImmutableArray<double> Probabilities,
    [property: Id(3)] double Confidence,
    [property: Id(4)] int ModelVersion)
{
    public static RiskAssessment From(double score, RiskThresholds thresholds, int modelVersion)
    {
        var riskClass = thresholds.Classify(score);
        var probabilities = thresholds.Probabilities(score);
        return new RiskAssessment(score, riskClass, probabilities, probabilities[(int)riskClass], modelVersion);
    }
}
