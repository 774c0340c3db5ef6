using System.Collections.Immutable;
using System.Security.Cryptography;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Grid;
using VisionZero.Jobs;
using VisionZero.Models;
using VisionZero.Scoring;

namespace VisionZero.Risk.Tests;

[Collection(RiskGridCollection.Name)]
public sealed class TrainingTests(RiskGridFixture grid)
{
    [Fact]
    public async Task Training_on_the_primary_file_registers_a_version_whose_backtests_include_every_baseline()
    {
        var first = grid.First;
        Assert.Equal(1, first.Version);
        Assert.Equal("FastTreeTweedie", first.Details.Trainer);
        Assert.True(first.Details.TrainingRows > 10_000, $"{first.Details.TrainingRows} training rows");
        Assert.Equal(RiskFeatures.Names.ToArray(), first.Details.Features.ToArray());
        Assert.NotEmpty(first.Details.Backtests);
        foreach (var report in first.Details.Backtests)
        {
            Assert.Equal(
                ["model", "last-6m", "last-1y", "last-5y", "forest", "windows-model"],
                report.Results.Select(r => r.Name).ToArray());
            Assert.True(report.Intersections > 400, $"{report.Intersections} corners evaluated at {report.Cutoff}");
            // Only labels that had fully passed by the cutoff were learnt from; the evaluation's label window
            // follows it.
            Assert.True(report.Cutoff.AddDays(RiskFeatures.HorizonDays) <= new DateOnly(2021, 11, 12));
            foreach (var r in report.Results)
            {
                Assert.InRange(r.Capture5, 0.3, 1.0);
                Assert.InRange(r.MacroF1, 0.05, 1.0);
                Assert.Equal(report.Intersections, r.Confusion.Sum(row => row.Sum()));
            }
        }
        var artifact = await grid.Registry.GetArtifact(first.Version);
        Assert.Equal(first.Sha256, Convert.ToHexStringLower(SHA256.HashData(artifact!)));
        var history = await grid.Registry.History(first.Version);
        Assert.Contains(history, h => h.To == ModelStage.Production && h.From == ModelStage.Candidate);
    }

    [Fact]
    public async Task A_grain_scores_with_exactly_the_features_training_saw_for_the_same_day()
    {
        var day = new DateOnly(2020, 11, 1);
        var info = (await grid.Registry.GetProduction())!;
        using var model = RiskModel.Load(info, (await grid.Registry.GetArtifact(info.Version))!);
        var ids = (await grid.Client.GetGrain<IGridQueryGrain>(0).Top(40, day)).Select(s => s.Id).ToList();
        Assert.Equal(40, ids.Count);
        foreach (var id in ids)
        {
            var corner = grid.Client.GetGrain<IIntersectionGrain>(id);
            var rows = await corner.GetTrainingRows([day], day.AddDays(RiskFeatures.HorizonDays));
            Assert.Equal(1, rows.Count);
            var snapshot = (await corner.GetSnapshot(day))!;
            Assert.Equal(info.Version, snapshot.Risk!.ModelVersion);
            Assert.Equal(model.Score(rows.Features.AsSpan()), snapshot.Risk.RiskScore, 9);
            // The first three features are the windows the grain reports.
            Assert.Equal([snapshot.SixMonths.Crashes, snapshot.OneYear.Crashes, snapshot.FiveYears.Crashes],
                rows.Features.Take(3).Select(f => (int)f).ToArray());
        }
    }

    [Fact]
    public async Task A_version_carries_a_windows_model_that_answers_from_the_three_counts_alone()
    {
        var info = (await grid.Registry.GetProduction())!;
        var artifact = (await grid.Registry.GetArtifact(info.Version))!;
        var parts = ModelArtifact.Parse(artifact);
        Assert.NotNull(parts.Windows);
        Assert.InRange(info.Details.WindowsLevel, 0.5, 2);
        using var model = RiskModel.Load(info, artifact);
        Assert.True(model.HasWindowsModel);
        var quiet = model.AssessWindows(0, 0, 0)!;
        var busy = model.AssessWindows(12, 25, 120)!;
        Assert.Equal(info.Version, busy.ModelVersion);
        Assert.True(busy.RiskScore > 4 * quiet.RiskScore, $"busy {busy.RiskScore}, quiet {quiet.RiskScore}");
        Assert.True(busy.RiskClass > quiet.RiskClass, $"busy {busy.RiskClass}, quiet {quiet.RiskClass}");
        Assert.Equal(1, busy.Probabilities.Sum(), 6);
        // In the backtests it forecasts about as many crashes as happened, like the full model.
        foreach (var report in info.Details.Backtests)
            Assert.InRange(report.Results.Single(r => r.Name == Backtester.WindowsModelName).Calibration, 0.5, 2.5);

        // A version from before the windows model (its artifact is the risk model alone) still scores corners.
        var legacy = RiskModel.Load(
            info with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(parts.Risk)) },
            parts.Risk);
        Assert.False(legacy.HasWindowsModel);
        Assert.Null(legacy.AssessWindows(1, 2, 3));
        Span<float> features = stackalloc float[RiskFeatures.Count];
        features[2] = 40;
        Assert.Equal(model.Score(features), legacy.Score(features), 9);
    }

    [Fact]
    public async Task A_failed_job_reports_why_and_leaves_production_as_it_was()
    {
        var before = await grid.Registry.GetProduction();
        var status = await grid.RunJobAsync(GridJobKind.Ingest);
        Assert.Equal("Failed", status.State);
        Assert.Contains(RiskGridFixture.MissingDropFolder, status.Error);
        Assert.Equal(before?.Version, (await grid.Registry.GetProduction())?.Version);
    }

    [Fact]
    public async Task Backtest_refuses_a_cutoff_whose_horizon_is_not_in_the_data()
    {
        var jobs = grid.Client.GetGrain<IGridJobsGrain>(0);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => jobs.Backtest(new DateOnly(2021, 10, 1)));
        Assert.Contains("182 days after", error.Message);
        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => jobs.Backtest(new DateOnly(2013, 1, 1)));
        Assert.Contains("2013-01-01", early.Message);
    }

    [Fact]
    public async Task Backtest_at_a_cutoff_ranks_the_model_against_every_baseline()
    {
        var report = await grid.Client.GetGrain<IGridJobsGrain>(0).Backtest(new DateOnly(2021, 5, 1));
        Assert.Equal(
            ImmutableArray.Create("model", "last-6m", "last-1y", "last-5y", "forest", "windows-model"),
            report.Results.Select(r => r.Name).ToImmutableArray(),
            ImmutableArrayComparer.Instance);
        Assert.True(report.FutureCrashes > 100);
        var model = report.Results[0];
        Assert.InRange(model.Calibration, 0.5, 2.0);
    }
}
