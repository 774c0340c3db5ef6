using System.Diagnostics;
using System.Runtime.InteropServices;
using VisionZero.Edge.Area;
using VisionZero.Models;
using VisionZero.Scoring;

namespace VisionZero.Edge.Evaluation;

/// <summary>
/// vz-edge eval's work, on the copy alone: the served version's forecasts for the area's corners as of a past
/// day judged against the crashes of the 182 days after it, by the backtests' own metrics
/// (<see cref="Scoring.Evaluation.RiskMetrics"/>); then how the device runs: lookup latency, memory, and how long
/// the version's stored bytes take to load.
/// </summary>
public static class OfflineEvaluator
{
    public static EdgeEvaluation Evaluate(EdgeGrid grid, string deviceId, DateOnly? requestedCutoff,
        int lookups = LookupTiming.DefaultLookups, TimeProvider? time = null)
    {
        var stored = grid.StoredModel() ?? throw new EvaluationRefusedException(
            "the edge holds no model version to evaluate: it fetches the production version when it connects " +
            "(run vz-edge without --offline once)", EvaluationRefusedException.NothingToEvaluate);
        var asOf = grid.AsOf ?? throw new EvaluationRefusedException(
            "the edge has no as-of day: it has never synced its area's corners (run vz-edge connected once)",
            EvaluationRefusedException.NothingToEvaluate);
        var cutoff = EvaluationCutoff.Resolve(requestedCutoff, asOf);
        if (grid.View.Corners.Count == 0)
            throw new EvaluationRefusedException(
                $"the edge holds no corners of its area ({grid.Area?.ToString() ?? "none synced"})",
                EvaluationRefusedException.NothingToEvaluate);

        var start = Stopwatch.GetTimestamp();
        using var model = LoadAgain(stored.Info, stored.Artifact);
        var load = Stopwatch.GetElapsedTime(start);
        var report = EvaluationRows.Score(grid.View.Corners, model, cutoff, asOf).Evaluate();
        if (report.Intersections == 0)
            throw new EvaluationRefusedException(
                $"no corner of the area was active at {cutoff:yyyy-MM-dd}: none had a crash in the 5 years " +
                "before it or the 182 days after; pick a later cutoff",
                EvaluationRefusedException.BadInput);

        var (p50, p99) = LookupTiming.Measure(grid, lookups);
        var (workingSet, managedHeap) = ProcessFootprint.Measure();
        var performance = new EdgePerformance(lookups, p50, p99, workingSet, managedHeap, load.TotalMilliseconds,
            RuntimeInformation.RuntimeIdentifier, grid.ModelLoadAtOpen?.TotalMilliseconds);
        return new EdgeEvaluation(model.Version, deviceId, (time ?? TimeProvider.System).GetUtcNow(), cutoff, asOf,
            grid.Area?.ToString() ?? "no area", report.Intersections, report.FutureCrashes, report.Results[0],
            performance);
    }

    private static RiskModel LoadAgain(ModelVersionInfo info, byte[] artifact)
    {
        try
        {
            return RiskModel.Load(info, artifact);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException)
        {
            throw new EvaluationRefusedException(
                $"the stored model version {info.Version} does not load ({e.Message}); the next sync fetches it again",
                EvaluationRefusedException.NothingToEvaluate);
        }
    }
}
