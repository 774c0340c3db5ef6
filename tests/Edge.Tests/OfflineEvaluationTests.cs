using VisionZero.Edge.Evaluation;
using VisionZero.Grains.Risk.Training;
using VisionZero.Grid;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Scoring;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Edge.Tests;

/// <summary>
/// vz-edge eval computes what the cluster computes: at the default cutoff its metrics equal the cluster's own
/// scoring of the same version on the grains' backtest rows (same corners, same labels, one metric code); at the
/// version's stored backtest cutoff it judges the corners and crashes the Backtester judged, and the baselines'
/// figures that need no class cuts come out equal; its confusion matrix equals one counted independently from
/// the grains' crashes and the grains' own forecasts; a cutoff with no known future is refused.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class OfflineEvaluationTests(EdgeGridFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-eval-").FullName;

    [Fact]
    public async Task The_edges_metrics_equal_the_clusters_scoring_of_the_version_on_the_backtest_rows()
    {
        using var grid = await SyncedEdge.OpenAsync(fixture, _folder);
        var evaluation = OfflineEvaluator.Evaluate(grid, "edge-under-test", null, lookups: 1_000);
        var asOf = grid.AsOf!.Value;
        Assert.Equal(asOf.AddDays(-RiskFeatures.HorizonDays), evaluation.Cutoff);
        Assert.Equal(grid.Model!.Version, evaluation.Version);

        // The cluster's side: the rows a backtest asks the grains for, the corners it judges at the cutoff
        // (RowsOn), scored by the registry's own bytes of the version.
        var latest = await fixture.Client.GetGrain<IDataClockGrain>(0).GetLatestCrashDate();
        Assert.Equal(latest, asOf);
        var set = await SnapshotBuilder.BuildAsync(fixture.Client, [evaluation.Cutoff], asOf, concurrency: 64);
        var rows = set.RowsOn(evaluation.Cutoff).ToArray();
        var info = await fixture.Registry.Get(evaluation.Version);
        using var model = RiskModel.Load(info!, (await fixture.Registry.GetArtifact(evaluation.Version))!);
        var cluster = new BacktestScores(evaluation.Cutoff, [.. rows.Select(set.IntersectionOf)],
            [.. rows.Select(set.Label)],
            [new ScorerForecast("model", [.. rows.Select(r => model.Score(set.Features(r)))], model.Thresholds)]);

        var edge = EvaluationRows.Score(grid.View.Corners, grid.Model, evaluation.Cutoff, asOf);
        Assert.Equal(cluster.Intersections, edge.Intersections);
        Assert.Equal(cluster.Actual, edge.Actual);
        var expected = cluster.Evaluate();
        Assert.Equal((expected.Intersections, expected.FutureCrashes),
            (evaluation.Intersections, evaluation.FutureCrashes));
        MetricsAssert.Same(expected.Results[0], evaluation.Metrics);
    }

    [Fact]
    public async Task At_the_versions_backtest_cutoff_the_edge_judges_what_the_backtester_judged()
    {
        using var grid = await SyncedEdge.OpenAsync(fixture, _folder);
        var backtest = grid.Model!.Info.Details.Backtests.MaxBy(b => b.Cutoff)!;
        var evaluation = OfflineEvaluator.Evaluate(grid, "edge-under-test", backtest.Cutoff, lookups: 100);
        Assert.Equal((backtest.Intersections, backtest.FutureCrashes),
            (evaluation.Intersections, evaluation.FutureCrashes));

        // A baseline's forecast is its window count, so on the same corners the edge's rows give the Backtester's
        // figures exactly; the class figures are left out: the backtest's cuts are its own model's, not stored.
        var edge = EvaluationRows.Score(grid.View.Corners, grid.Model, backtest.Cutoff, grid.AsOf!.Value);
        var fiveYears = edge.Intersections
            .Select(id => grid.View.Corners.Single(c => c.Id == id))
            .Select(c => FiveYearBaseline(c, backtest.Cutoff))
            .ToArray();
        var edgeBaseline = RiskMetrics.Evaluate("last-5y", fiveYears, edge.Actual, grid.Model.Thresholds);
        var stored = backtest.Results.Single(r => r.Name == "last-5y");
        Assert.Equal((stored.Capture1, stored.Capture5, stored.Capture10),
            (edgeBaseline.Capture1, edgeBaseline.Capture5, edgeBaseline.Capture10));
        Assert.Equal((stored.Mae, stored.PoissonDeviance, stored.Calibration),
            (edgeBaseline.Mae, edgeBaseline.PoissonDeviance, edgeBaseline.Calibration));
    }

    [Fact]
    public async Task The_edges_class_counts_equal_an_independent_count_from_the_grains()
    {
        using var grid = await SyncedEdge.OpenAsync(fixture, _folder);
        var evaluation = OfflineEvaluator.Evaluate(grid, "edge-under-test", null, lookups: 100);
        var day = evaluation.Cutoff.DayNumber;
        var cuts = grid.Model!.Thresholds.Cuts;
        var confusion = new int[RiskThresholds.ClassCount, RiskThresholds.ClassCount];
        foreach (var corner in grid.View.Corners)
        {
            var grain = fixture.Client.GetGrain<IIntersectionGrain>(corner.Id);
            var days = (await grain.GetHistory(null))!.Crashes.Select(c => c.Day).ToList();
            var after = days.Count(d => d > day && d <= day + 182);
            if (after == 0 && !days.Any(d => d >= day - 1825 && d <= day))
                continue; // not active: no crash in the 5 years (1,826 days) to the cutoff nor the 182 after
            var forecast = (await grain.GetSnapshot(evaluation.Cutoff))!.Risk!;
            Assert.Equal(evaluation.Version, forecast.ModelVersion);
            confusion[cuts.Count(cut => after > cut), (int)forecast.RiskClass]++;
        }
        for (var actual = 0; actual < RiskThresholds.ClassCount; actual++)
        {
            for (var predicted = 0; predicted < RiskThresholds.ClassCount; predicted++)
                Assert.Equal(confusion[actual, predicted], evaluation.Metrics.Confusion[actual][predicted]);
            Assert.Equal(Enumerable.Range(0, RiskThresholds.ClassCount).Sum(p => confusion[actual, p]),
                evaluation.Metrics.Classes[actual].Support);
        }
    }

    [Fact]
    public async Task A_cutoff_whose_next_182_days_the_edge_does_not_know_is_refused_naming_the_days()
    {
        using var grid = await SyncedEdge.OpenAsync(fixture, _folder);
        var asOf = grid.AsOf!.Value;
        var refused = Assert.Throws<EvaluationRefusedException>(
            () => OfflineEvaluator.Evaluate(grid, "edge-under-test", asOf.AddDays(-100), lookups: 100));
        Assert.Equal(EvaluationRefusedException.BadInput, refused.ExitCode);
        Assert.Contains($"--cutoff {asOf.AddDays(-100):yyyy-MM-dd} has no known future", refused.Message);
        Assert.Contains($"on or before {asOf.AddDays(-182):yyyy-MM-dd}", refused.Message);
    }

    private static double FiveYearBaseline(Area.CornerCopy corner, DateOnly cutoff)
    {
        Span<float> features = stackalloc float[RiskFeatures.FixedCount];
        RiskFeatures.Compute(corner.History, cutoff, corner.Borough, features);
        return RiskFeatures.Baselines(features).FiveYears;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
