using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Scoring.Evaluation;

/// <summary>
/// What every scorer forecast for the corners judged at one cutoff, and what happened there: the raw
/// material of a <see cref="BacktestReport"/>, kept for analyses that resample corners. The cluster's backtests
/// and the edge's offline evaluation (vz-edge eval) both end here, so their figures come from one computation.
/// </summary>
public sealed record BacktestScores(
    DateOnly Cutoff, string[] Intersections, int[] Actual, ImmutableArray<ScorerForecast> Scorers)
{
    public BacktestReport Evaluate() =>
        new(Cutoff, Actual.Length, Actual.Sum(),
            [.. Scorers.Select(s => RiskMetrics.Evaluate(s.Name, s.Predicted, Actual, s.Thresholds))]);
}
