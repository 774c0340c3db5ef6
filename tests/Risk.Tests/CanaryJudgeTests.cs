using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Rollout;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The canary's rule on figures made to order: it waits for enough answers, holds a canary that answers as production
/// does only once the soak is over, breaches at once on failed answers, a slow p99, scores that moved (PSI) or classes
/// that disagree, naming the measure; the population stability index reads as the usual scale says; the settings are
/// refused out of range naming the key.
/// </summary>
[Trait("Category", "Fast")]
public class CanaryJudgeTests
{
    private static readonly CanarySettings Settings = new();

    private static CanarySnapshot Figures(
        int canaryFailed = 0, double canaryP99 = 12, Func<double, double>? canaryScore = null, int disagreeing = 0,
        int pairs = 500)
    {
        var figures = new CanaryFigures();
        for (var i = 0; i < 1000; i++)
            figures.Answer(canary: false, milliseconds: i < 980 ? 5 : 12, ok: true);
        for (var i = 0; i < pairs; i++)
        {
            figures.Answer(canary: true, milliseconds: i < pairs * 0.98 ? 5 : canaryP99, ok: i >= canaryFailed);
            var production = (i % 100) / 100.0;
            figures.Pair((canaryScore ?? (s => s))(production), production, sameClass: i >= disagreeing);
        }
        return figures.Snapshot(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_canary_that_answers_as_production_soaks_on_and_holds_when_the_soak_is_over()
    {
        var (state, why, measures) = CanaryJudge.Judge(Figures(), Settings, soakOver: false);
        Assert.Equal(CanaryState.Soaking, state);
        Assert.All(measures, m => Assert.True(m.Held, m.Name));

        (state, why, measures) = CanaryJudge.Judge(Figures(), Settings, soakOver: true);
        Assert.Equal(CanaryState.Held, state);
        Assert.Equal(["error-rate", "p99-ms", "psi", "class-agreement"], measures.Select(m => m.Name));
        Assert.Equal(0, measures[2].Candidate);
        Assert.Equal(
            "held: 0 of 500 canary answers failed, p99 12 ms (production 12), PSI 0, class agreement 1 on 500 " +
            "answers compared", why);
    }

    [Fact]
    public void Before_enough_answers_nothing_is_judged_and_a_soak_that_ends_so_fails_saying_how_many_came()
    {
        var few = Figures(canaryFailed: 50, pairs: 99);

        Assert.Equal((CanaryState.Soaking, 0), (CanaryJudge.Judge(few, Settings, false).State,
            CanaryJudge.Judge(few, Settings, false).Measures.Length));
        var (state, why, _) = CanaryJudge.Judge(few, Settings, soakOver: true);
        Assert.Equal(CanaryState.Breached, state);
        Assert.Equal("too few answers to judge: 99 from the canary, 1000 from production, 99 compared; 100 each " +
                     "needed", why);
    }

    [Theory]
    [InlineData(1, 12, 0, false, "error-rate")]
    [InlineData(0, 40, 0, false, "p99-ms")]
    [InlineData(0, 12, 0, true, "psi")]
    [InlineData(0, 12, 200, false, "class-agreement")]
    public void The_first_breach_ends_the_soak_before_its_time_naming_the_measure(
        int failed, double p99, int disagreeing, bool shifted, string measure)
    {
        var figures = Figures(failed, p99, shifted ? s => Math.Min(1, s + 0.3) : null, disagreeing);

        var (state, why, measures) = CanaryJudge.Judge(figures, Settings, soakOver: false);

        Assert.Equal(CanaryState.Breached, state);
        Assert.Equal(measure, Assert.Single(measures, m => !m.Held).Name);
        Assert.StartsWith($"breached: {measure} ", why);
    }

    [Fact]
    public void The_population_stability_index_is_zero_for_one_distribution_and_grows_with_the_shift()
    {
        double[] reference = [.. Enumerable.Range(0, 1000).Select(i => i / 1000.0)];

        Assert.Equal(0, PopulationStability.Of(reference, reference), 12);
        Assert.Equal(0, PopulationStability.Of(reference, [.. reference.Reverse()]), 12);
        var small = PopulationStability.Of(reference, [.. reference.Select(s => s + 0.02)]);
        var large = PopulationStability.Of(reference, [.. reference.Select(s => s + 0.3)]);
        Assert.InRange(small, 0.001, 0.1);
        Assert.True(large > 0.25, $"{large}");
        // Tied scores (most corners score alike) make fewer bins, not a division by zero.
        double[] tied = [.. Enumerable.Repeat(0.1, 900).Concat(Enumerable.Repeat(0.9, 100))];
        Assert.Equal(0, PopulationStability.Of(tied, tied), 12);
        Assert.True(double.IsFinite(PopulationStability.Of(tied, [.. Enumerable.Repeat(0.9, 1000)])));
        Assert.Throws<ArgumentException>(() => PopulationStability.Of(reference, []));
        Assert.Throws<ArgumentException>(() => PopulationStability.Of(reference, [double.NaN]));
    }

    [Theory]
    [InlineData("SoakSeconds", "0", "from 1 to 86400")]
    [InlineData("Users", "300", "from 1 to 256")]
    [InlineData("MinAnswers", "0", "from 1 to 1000000")]
    [InlineData("MaxErrorRate", "1.5", "from 0 to 1")]
    [InlineData("P99Ratio", "0.9", "from 1 to 100")]
    [InlineData("MaxPsi", "-0.1", "from 0 to 10")]
    [InlineData("MinAgreement", "many", "is not a number")]
    [InlineData("AfterStaging", "yes", "neither true nor false")]
    public void A_canary_setting_out_of_range_is_refused_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Rollout:Canary:" + key, value)])
            .Build();

        var error = Assert.Throws<ArgumentException>(() => CanarySettings.From(configuration));

        Assert.StartsWith($"Rollout:Canary:{key}", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
