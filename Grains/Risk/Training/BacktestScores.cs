using System.Collections.Immutable;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Grains.Risk.Training;

/// <summary>One scorer's forecasts at a backtest cutoff, and the cuts it classifies them with.</summary>
public sealed record ScorerForecast(string Name, double[] Predicted, RiskThresholds Thresholds);

/// <summary>
/// What every scorer forecast for the corners judged at one cutoff, and what happened there: the raw
/// material of a <see cref="BacktestReport"/>, kept for analyses that resample corners.
/// </summary>
public sealed record BacktestScores(
    DateOnly Cutoff, string[] Intersections, int[] Actual, ImmutableArray<ScorerForecast> Scorers)
{
    public BacktestReport Evaluate() =>
        new(Cutoff, Actual.Length, Actual.Sum(),
            [.. Scorers.Select(s => RiskMetrics.Evaluate(s.Name, s.Predicted, Actual, s.Thresholds))]);
}
