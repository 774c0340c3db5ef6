using System.Collections.Immutable;
using VisionZero.Edge.Area;
using VisionZero.Risk;
using VisionZero.Scoring;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Edge.Evaluation;

/// <summary>
/// The version's forecasts at a cutoff and what happened next, corner by corner, built as the cluster's backtests
/// build theirs: each corner's row through <see cref="TrainingRows.Build"/> (the grains' own code for the
/// features, the 182-day label, and the rule that only a corner active at the cutoff is judged: a crash in the 5
/// years before or the 182 days after), scored by the version, in the ordinal order of the ids.
/// </summary>
public static class EvaluationRows
{
    /// <summary>The name of the version's row, as in the backtests.</summary>
    public const string ModelName = "model";

    public static BacktestScores Score(
        IEnumerable<CornerCopy> corners, RiskModel model, DateOnly cutoff, DateOnly labelsUntil)
    {
        ImmutableArray<DateOnly> days = [cutoff];
        var ids = new List<string>();
        var predicted = new List<double>();
        var actual = new List<int>();
        foreach (var corner in corners.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var rows = TrainingRows.Build(corner.History, days, labelsUntil, corner.Borough);
            if (rows.Count == 0 || rows.Labels[0] < 0)
                continue;
            ids.Add(corner.Id);
            predicted.Add(model.Score(rows.Features.AsSpan()));
            actual.Add(rows.Labels[0]);
        }
        return new BacktestScores(cutoff, [.. ids], [.. actual],
            [new ScorerForecast(ModelName, [.. predicted], model.Thresholds)]);
    }
}
