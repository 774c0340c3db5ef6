using System.Collections.Immutable;
using VisionZero.Risk;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Benchmarks.Tests;

[Trait("Category", "Fast")]
public class BaselineBootstrapTests
{
    private static readonly RiskThresholds Cuts = new([1.5, 2.5, 3.5, 6.5]);
    private static readonly string[] Baselines = ["last-6m", "last-1y", "last-5y", "forest"];

    /// <summary>
    /// A cutoff of 60 corners whose crashes rise with their index; the model and each baseline forecast as given.
    /// </summary>
    private static BacktestScores Cutoff(DateOnly day, Func<int, double> model, Func<int, double> baseline)
    {
        const int n = 60;
        var actual = Enumerable.Range(0, n).Select(i => i / 6).ToArray();
        ImmutableArray<ScorerForecast> scorers =
        [
            new("model", [.. Enumerable.Range(0, n).Select(model)], Cuts),
            .. Baselines.Select(name => new ScorerForecast(name, [.. Enumerable.Range(0, n).Select(baseline)], Cuts)),
        ];
        return new BacktestScores(day, [.. Enumerable.Range(0, n).Select(i => $"corner-{i}")], actual, scorers);
    }

    [Fact]
    public void A_model_that_forecasts_as_the_baselines_do_is_never_ahead_and_its_interval_is_zero()
    {
        BacktestScores[] cutoffs =
        [
            Cutoff(new(2020, 1, 1), i => i / 6.0, i => i / 6.0),
            Cutoff(new(2020, 2, 1), i => i / 6.0, i => i / 6.0),
        ];

        var intervals = BaselineBootstrap.Compute(cutoffs, 200);

        Assert.Equal(3 * Baselines.Length, intervals.Length);
        Assert.All(intervals, i => Assert.Equal((0.0, 0.0, 0.0, 0.0), (i.P05, i.Median, i.P95, i.SubjectAhead)));
    }

    [Fact]
    public void A_model_that_ranks_right_is_ahead_of_baselines_that_rank_backwards_in_every_replicate()
    {
        // The model forecasts each corner's count exactly; the baselines reverse the order.
        BacktestScores[] cutoffs = [Cutoff(new(2020, 1, 1), i => i / 6, i => 10 - i / 6.0)];

        var intervals = BaselineBootstrap.Compute(cutoffs, 200);

        Assert.All(intervals.Where(i => i.Metric == "capture5"), i =>
        {
            Assert.Equal(1.0, i.SubjectAhead);
            Assert.True(i.P05 > 0.5, $"{i.Against}: p05 {i.P05}");
            Assert.True(i.P05 <= i.Median && i.Median <= i.P95);
        });
        // Its total is right and the baselines' is not: lower distance from 1 is ahead.
        Assert.All(intervals.Where(i => i.Metric == "calibration-distance"), i => Assert.Equal(1.0, i.SubjectAhead));
    }

    [Fact]
    public void The_same_input_gives_the_same_intervals()
    {
        BacktestScores[] cutoffs = [Cutoff(new(2020, 1, 1), i => (i * 7919 % 60) / 6.0, i => i / 6.0)];

        Assert.Equal(
            BaselineBootstrap.Compute(cutoffs, 100).AsEnumerable(),
            BaselineBootstrap.Compute(cutoffs, 100).AsEnumerable());
    }

    [Fact]
    public void No_cutoffs_or_no_replicates_give_no_intervals()
    {
        Assert.Empty(BaselineBootstrap.Compute([], 100));
        Assert.Empty(BaselineBootstrap.Compute([Cutoff(new(2020, 1, 1), i => i, i => i)], 0));
    }

    [Theory]
    [InlineData(-0.00001, "+0.0000")]
    [InlineData(0.0, "+0.0000")]
    [InlineData(-0.01234, "-0.0123")]
    [InlineData(0.01236, "+0.0124")]
    public void A_difference_prints_with_its_sign_and_never_as_minus_zero(double value, string expected) =>
        Assert.Equal(expected, BacktestTally.Signed(value));
}
