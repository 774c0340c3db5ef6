using VisionZero.Risk;

namespace VisionZero.Scoring.Evaluation;

/// <summary>One scorer's forecasts at a backtest cutoff, and the cuts it classifies them with.</summary>
public sealed record ScorerForecast(string Name, double[] Predicted, RiskThresholds Thresholds);
