using VisionZero.Risk;

namespace VisionZero.Edge.Answer;

/// <summary>One corner near the device, with its forecast (null when the edge holds no model yet).</summary>
public sealed record CornerRisk(string Id, string Name, double DistanceM, RiskAssessment? Risk);
