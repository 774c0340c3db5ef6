using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Risk.Live;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The feedback loop's rule on figures made to order: too few matured predictions judge nothing, a version within
/// the margin of its backtest holds, one below it on capture@5 % or macro-F1 needs a retrain naming the measure; the
/// settings are refused out of range naming the key.
/// </summary>
[Trait("Category", "Fast")]
public class LiveJudgeTests
{
    private static readonly LiveSettings Settings = new();

    private static LiveAccuracy Live(int matured = 500, double capture = 0.80, double f1 = 0.30) =>
        new(3, new DateOnly(2021, 11, 1), 2_000, matured, capture, f1, 1.05, BacktestCapture5: 0.85,
            BacktestMacroF1: 0.32);

    [Fact]
    public void Within_the_margin_of_its_backtest_a_version_holds_and_too_few_matured_judge_nothing()
    {
        var (retrain, why) = LiveJudge.Judge(Live(), Settings);
        Assert.False(retrain);
        Assert.Equal("live accuracy of version 3 holds on 500 matured predictions: capture5 0.800, macroF1 0.300",
            why);

        (retrain, why) = LiveJudge.Judge(Live(matured: 199, capture: 0.1), Settings);
        Assert.False(retrain);
        Assert.Equal("199 matured predictions of 200 needed to judge", why);
    }

    [Theory]
    [InlineData(0.70, 0.30, "capture5 0.700 against 0.850 in its backtest")]
    [InlineData(0.80, 0.15, "macroF1 0.150 against 0.320 in its backtest")]
    public void Below_its_backtest_by_more_than_the_margin_a_version_needs_a_retrain_naming_why(
        double capture, double f1, string expected)
    {
        var (retrain, why) = LiveJudge.Judge(Live(capture: capture, f1: f1), Settings);

        Assert.True(retrain);
        Assert.StartsWith("live accuracy of version 3 on 500 matured predictions: ", why);
        Assert.Contains(expected, why);
        Assert.EndsWith("more than 0.100 below", why);
        Assert.False(LiveJudge.Judge(Live(capture: capture, f1: f1), Settings with { Margin = 0.5 }).Retrain);
    }

    [Theory]
    [InlineData("SampleRate", "1.5", "from 0 to 1")]
    [InlineData("MaxRows", "10", "from 1000 to 100000000")]
    [InlineData("Margin", "-0.1", "from 0 to 1")]
    [InlineData("MinMatured", "some", "is not a number")]
    public void A_live_setting_out_of_range_is_refused_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Rollout:Live:" + key, value)])
            .Build();

        var error = Assert.Throws<ArgumentException>(() => LiveSettings.From(configuration));

        Assert.StartsWith($"Rollout:Live:{key}", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
