using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Rollout;

namespace VisionZero.Risk.Tests;

/// <summary>
/// Staging's rule on load-test figures made to order: a candidate as fast as production passes; one slower past the
/// ratio and the noise floor, slower in throughput, or failing requests fails naming the measure; its settings are
/// refused out of range naming the key.
/// </summary>
[Trait("Category", "Fast")]
public class StagingJudgeTests
{
    private static readonly StagingSettings Settings = new();
    private static readonly LoadFigures Production =
        new(Requests: 5000, Failed: 0, P50Ms: 3, P99Ms: 12, PerSecond: 900);

    [Fact]
    public void A_candidate_as_fast_as_production_passes_with_every_measure_held()
    {
        var (passed, why, measures) = StagingJudge.Judge(Production, Production with { P99Ms = 14 }, Settings);

        Assert.True(passed, why);
        Assert.Equal(["p99-ms", "requests-per-second", "error-rate"], measures.Select(m => m.Name));
        Assert.All(measures, m => Assert.True(m.Held, m.Name));
        Assert.StartsWith("held: p99 14 ms (production 12)", why);
    }

    [Fact]
    public void A_candidate_slower_than_production_times_the_ratio_fails_naming_p99_and_its_limit()
    {
        var (passed, why, measures) = StagingJudge.Judge(Production, Production with { P99Ms = 80 }, Settings);

        Assert.False(passed);
        var p99 = Assert.Single(measures, m => !m.Held);
        Assert.Equal(("p99-ms", 80.0, 12.0, 24.0), (p99.Name, p99.Candidate, p99.Production, p99.Limit));
        Assert.Equal("breached: p99-ms 80 (production 12), at most 24 allowed", why);
    }

    [Fact]
    public void Below_the_noise_floor_a_doubled_p99_still_passes_and_the_ceiling_always_binds()
    {
        var fast = Production with { P99Ms = 2 };

        Assert.True(StagingJudge.Judge(fast, fast with { P99Ms = 11.5 }, Settings).Passed);
        Assert.False(StagingJudge.Judge(fast, fast with { P99Ms = 12.5 }, Settings).Passed);
        var (passed, _, measures) = StagingJudge.Judge(
            Production with { P99Ms = 200 }, Production with { P99Ms = 260 }, Settings);
        Assert.False(passed);
        Assert.Equal(250, measures[0].Limit);
    }

    [Fact]
    public void Failed_requests_or_lost_throughput_fail_and_so_does_a_candidate_that_answered_nothing()
    {
        Assert.Equal("error-rate", Assert.Single(
            StagingJudge.Judge(Production, Production with { Failed = 6 }, Settings).Measures, m => !m.Held).Name);
        Assert.Equal("requests-per-second", Assert.Single(
            StagingJudge.Judge(Production, Production with { PerSecond = 400 }, Settings).Measures, m => !m.Held).Name);
        var nothing = LoadFigures.From([], failed: 0, TimeSpan.FromSeconds(10));
        Assert.False(StagingJudge.Judge(Production, nothing, Settings).Passed);
    }

    [Fact]
    public void Load_figures_take_nearest_rank_percentiles_and_completed_requests_a_second()
    {
        var figures =
            LoadFigures.From([.. Enumerable.Range(1, 200).Select(i => (double)i)], 3, TimeSpan.FromSeconds(4));

        Assert.Equal((200, 3, 100.0, 198.0, 50.0),
            (figures.Requests, figures.Failed, figures.P50Ms, figures.P99Ms, figures.PerSecond));
        Assert.Equal(0.015, figures.ErrorRate, 12);
    }

    [Theory]
    [InlineData("Seconds", "0", "from 1 to 600")]
    [InlineData("Concurrency", "1000", "from 1 to 256")]
    [InlineData("MaxP99Ms", "-5", "from 1 to 60000")]
    [InlineData("P99Ratio", "0.5", "from 1 to 100")]
    [InlineData("MinThroughputRatio", "2", "from 0 to 1")]
    [InlineData("MaxErrorRate", "lots", "is not a number")]
    [InlineData("AfterGate", "maybe", "neither true nor false")]
    public void A_staging_setting_out_of_range_is_refused_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Rollout:Staging:" + key, value)])
            .Build();

        var error = Assert.Throws<ArgumentException>(() => StagingSettings.From(configuration));

        Assert.StartsWith($"Rollout:Staging:{key}", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
