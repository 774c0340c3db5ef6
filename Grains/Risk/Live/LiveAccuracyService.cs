using System.Collections.Concurrent;
using System.Collections.Immutable;
using VisionZero.Grid;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Grains.Risk.Live;

/// <summary>
/// A version's live accuracy: its kept predictions whose 182 days have passed on the data clock, each joined with
/// what happened at its corner (the corner's own label for that day, as training and backtests read it), scored with
/// the backtests' metrics and the version's own thresholds.
/// </summary>
public sealed class LiveAccuracyService(IGrainFactory grains, IPredictionLogStore store)
{
    /// <summary>The most matured predictions one computation reads (the newest days first).</summary>
    public const int MaxMatured = 100_000;

    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    public async Task<LiveAccuracy> ComputeAsync(int version, CancellationToken cancellationToken = default)
    {
        var info = await grains.GetGrain<IModelRegistryGrain>(0).Get(version)
            ?? throw new KeyNotFoundException($"model version {version} is not registered");
        var own = info.Details.Backtests.IsDefaultOrEmpty
            ? []
            : info.Details.Backtests.Select(b => b.Results.FirstOrDefault(r => r.Name == "model"))
                .OfType<BacktestResult>().ToList();
        double? backtestCapture = own.Count == 0 ? null : own.Average(r => r.Capture5);
        double? backtestF1 = own.Count == 0 ? null : own.Average(r => r.MacroF1);
        var clock = (await grains.GetGrain<IDataClockGrain>(0).GetView()).AsOf;
        if (clock is not { } asOf)
            return new LiveAccuracy(version, null, 0, 0, null, null, null, backtestCapture, backtestF1);
        var (logged, matured) = await store.ReadAsync(
            version, asOf.AddDays(-RiskFeatures.HorizonDays), MaxMatured, cancellationToken);
        if (matured.IsEmpty)
            return new LiveAccuracy(version, asOf, logged, 0, null, null, null, backtestCapture, backtestF1);
        var outcomes = await OutcomesAsync(matured, asOf, cancellationToken);
        var result = RiskMetrics.Evaluate("live", [.. matured.Select(p => p.Score)],
            [.. matured.Select(p => outcomes[(p.IntersectionId, p.AsOf)])], info.Details.Thresholds);
        return new LiveAccuracy(version, asOf, logged, matured.Length, result.Capture5, result.MacroF1,
            result.Calibration, backtestCapture, backtestF1);
    }

    /// <summary>Crashes at each corner in the 182 days after each day: one call per corner for all its days.</summary>
    private async Task<IReadOnlyDictionary<(string, DateOnly), int>> OutcomesAsync(
        IReadOnlyList<PredictionRecord> matured, DateOnly asOf, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentDictionary<(string, DateOnly), int>();
        var corners = matured.GroupBy(p => p.IntersectionId, StringComparer.Ordinal);
        await Parallel.ForEachAsync(corners, new ParallelOptions
        {
            MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken,
        }, async (corner, _) =>
        {
            var days = corner.Select(p => p.AsOf).Distinct().Order().ToImmutableArray();
            var rows = await grains.GetGrain<IIntersectionGrain>(corner.Key).GetTrainingRows(days, asOf);
            // A day without a row was not active: no crash before it in five years, none after it.
            foreach (var day in days)
                outcomes[(corner.Key, day)] = 0;
            for (var r = 0; r < rows.Count; r++)
                outcomes[(corner.Key, days[rows.DayIndex[r]])] = Math.Max(0, rows.Labels[r]);
        });
        return outcomes;
    }
}
