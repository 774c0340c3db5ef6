using System.Collections.Immutable;
using VisionZero.Grains.Rollout;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The offline gate's rule on forecasts made to order: a candidate as good as production and the baselines
/// passes, one that ranks backwards or whose total is off fails naming the measure, tolerance widens the band.
/// </summary>
[Trait("Category", "Fast")]
public class OfflineGateTests
{
    private const int Corners = 300;
    private static readonly RiskThresholds Cuts = new([0.5, 1.5, 2.5, 4.5]);
    private static readonly GateSettings Settings = new(Replicates: 200);

    /// <summary>Corner i had a count that rises with i, with some noise the forecasts do not know.</summary>
    private static readonly int[] Actual =
        [.. Enumerable.Range(0, Corners).Select(i => i / 40 + (i * 7919 % 13 == 0 ? 2 : 0))];

    private static double Truth(int i) => i / 40.0;

    private static BacktestScores Cutoff(
        DateOnly day, Func<int, double> candidate, Func<int, double>? production, Func<int, double> baseline,
        RiskThresholds? candidateCuts = null)
    {
        var scorers = ImmutableArray.CreateBuilder<ScorerForecast>();
        scorers.Add(new(OfflineGate.Candidate, Forecast(candidate), candidateCuts ?? Cuts));
        if (production is not null)
            scorers.Add(new(OfflineGate.Production, Forecast(production), Cuts));
        foreach (var name in OfflineGate.Baselines)
            scorers.Add(new(name, Forecast(baseline), Cuts));
        return new BacktestScores(
            day, [.. Enumerable.Range(0, Corners).Select(i => $"corner-{i}")], Actual, scorers.ToImmutable());
    }

    private static double[] Forecast(Func<int, double> f) => [.. Enumerable.Range(0, Corners).Select(f)];

    private static BacktestScores[] Two(Func<int, double> candidate, Func<int, double>? production,
        Func<int, double> baseline, RiskThresholds? candidateCuts = null) =>
    [
        Cutoff(new(2020, 6, 1), candidate, production, baseline, candidateCuts),
        Cutoff(new(2020, 12, 1), candidate, production, baseline, candidateCuts),
    ];

    /// <summary>A baseline that ranks poorly: it knows only a corner's position within its block of fifty.</summary>
    private static double Poor(int i) => i % 50 / 10.0;

    [Fact]
    public void A_candidate_forecasting_as_production_does_passes_with_every_measure_held()
    {
        var verdict = OfflineGate.Judge(Two(Truth, Truth, Poor), Settings);

        Assert.True(verdict.Passed, verdict.Why);
        Assert.All(verdict.Figures, f => Assert.True(f.Held, $"{f.Metric} vs {f.Against}"));
        // capture5 and macroF1, each against production and the best baseline, then calibration.
        Assert.Equal(
            ["capture5/production", "capture5/last-6m", "macroF1/production", "macroF1/last-6m", "calibration/band"],
            verdict.Figures.Select(f => $"{f.Metric}/{f.Against}"));
        Assert.StartsWith("held on capture5 vs production (+0.000)", verdict.Why);
    }

    [Fact]
    public void A_candidate_that_ranks_corners_backwards_fails_naming_capture_and_its_figures()
    {
        var verdict = OfflineGate.Judge(Two(i => Truth(Corners - 1 - i), Truth, Truth), Settings);

        Assert.False(verdict.Passed);
        var capture = verdict.Figures.Where(f => f.Metric == "capture5").ToArray();
        Assert.All(capture, f =>
        {
            Assert.False(f.Held);
            Assert.True(f.P95 < f.Allowed, $"{f.Against}: p95 {f.P95}, allowed {f.Allowed}");
        });
        Assert.StartsWith("worse than allowed: capture5 vs production: median -", verdict.Why);
        Assert.Contains("capture5 vs last-6m", verdict.Why);
    }

    [Fact]
    public void A_candidate_whose_total_is_off_by_more_than_the_band_fails_on_calibration_alone()
    {
        // Every forecast doubled and its class cuts too: the same ranking and classes, predicted over actual near 2.
        var doubled = new RiskThresholds(Cuts.Cuts, [.. Cuts.Cuts.Select(c => c * 2)]);
        var cutoffs = Two(i => Truth(i) * 2, Truth, Poor, doubled);
        var verdict = OfflineGate.Judge(cutoffs, Settings with { CalibrationBand = 0.5 });

        Assert.False(verdict.Passed);
        var calibration = Assert.Single(verdict.Figures, f => !f.Held);
        Assert.Equal(("calibration", "band"), (calibration.Metric, calibration.Against));
        Assert.InRange(calibration.Median, 1.5, 2.5);
        Assert.Contains("is outside 1 ± 0.500", verdict.Why);
    }

    [Fact]
    public void A_small_loss_inside_the_tolerance_passes_and_fails_without_it()
    {
        // The candidate misses the top corner of the ranking: a small, steady loss on capture.
        static double Worse(int i) => i == Corners - 1 ? 0 : Truth(i);
        var strict = OfflineGate.Judge(Two(Worse, Truth, i => 1), Settings);
        var loss = strict.Figures.First(f => f.Metric == "capture5" && f.Against == "production");
        Assert.True(loss.Median < 0, $"median {loss.Median}");

        var tolerant = OfflineGate.Judge(Two(Worse, Truth, i => 1), Settings with { Tolerance = 0.5 });

        Assert.True(tolerant.Passed, tolerant.Why);
        Assert.Equal(loss.Allowed - 0.5, tolerant.Figures.First(f => f.Metric == "capture5").Allowed, 1e-12);
    }

    [Fact]
    public void Without_a_version_in_production_the_candidate_is_judged_against_the_best_baseline_only()
    {
        var verdict = OfflineGate.Judge(Two(Truth, production: null, i => Truth(Corners - 1 - i)), Settings);

        Assert.True(verdict.Passed, verdict.Why);
        Assert.DoesNotContain(verdict.Figures, f => f.Against == OfflineGate.Production);
        Assert.Equal(3, verdict.Figures.Length);
    }

    [Fact]
    public void The_same_backtests_give_the_same_verdict_and_no_backtest_is_refused()
    {
        var cutoffs = Two(i => Truth(i) + (i % 7) / 10.0, Truth, i => i % 5);

        Assert.Equal(
            OfflineGate.Judge(cutoffs, Settings).Figures.AsEnumerable(),
            OfflineGate.Judge(cutoffs, Settings).Figures.AsEnumerable());
        Assert.Throws<ArgumentException>(() => OfflineGate.Judge([], Settings));
    }
}
