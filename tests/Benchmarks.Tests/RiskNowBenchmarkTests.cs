using VisionZero.Benchmarks;
using VisionZero.Risk.Now;

namespace VisionZero.Benchmarks.Tests;

[Trait("Category", "Fast")]
public class RiskNowBenchmarkTests
{
    private static readonly DateOnly Cutoff = new(2019, 1, 1);

    [Fact]
    public void The_strength_and_the_model_are_chosen_without_reading_a_day_from_the_cutoff_on()
    {
        var weather = new WeatherTable(Days(Cutoff.AddYears(-3), Cutoff.AddYears(1))
            .Select(d => new DailyWeather(d, d.Day % 3 == 0 ? 0.6 : 0, 0, 0, 60)), 0);
        var before = Crashes(Cutoff.AddYears(-3), Cutoff, seed: 1);
        var after = Crashes(Cutoff, Cutoff.AddYears(1), seed: 2);
        var corners = Enumerable.Range(0, 30).Select(i => $"corner-{i}").ToList();

        var (model, choice) = RiskNowBenchmark.Learn(new TimedCrashes(corners, before, 0), weather, Cutoff);
        var (withLater, laterChoice) =
            RiskNowBenchmark.Learn(new TimedCrashes(corners, [.. before, .. after], 0), weather, Cutoff);

        Assert.Equal(choice, laterChoice);
        Assert.Equal(model.Strength, withLater.Strength);
        Assert.Equal(model.GridProfile.Shares.ToArray(), withLater.GridProfile.Shares.ToArray());
        Assert.Equal(model.Weather.ByClass.ToArray(), withLater.Weather.ByClass.ToArray());
        Assert.Equal(RiskNowBenchmark.Strengths.Length, choice.Count);
    }

    [Fact]
    public void Held_out_days_are_scored_with_a_bootstrap_interval_around_the_gain()
    {
        var weather = new WeatherTable(Days(Cutoff.AddYears(-2), Cutoff.AddYears(1))
            .Select(d => new DailyWeather(d, 0, 0, 0, 60)), 0);
        var corners = Enumerable.Range(0, 30).Select(i => $"corner-{i}").ToList();
        var data = new TimedCrashes(corners, Crashes(Cutoff.AddYears(-2), Cutoff.AddYears(1), seed: 3), 0);
        var (model, _) = RiskNowBenchmark.Learn(data, weather, Cutoff);
        var result = RiskNowEvaluation.Run(data, model, weather, Cutoff, Cutoff.AddDays(200));
        Assert.Equal(200, result.Days.Count);
        Assert.Equal(result.Scored, result.ByBand.Sum(b => b.Observed));
        var heldOut = data.Crashes.Count(c => c.Day >= Cutoff && c.Day < Cutoff.AddDays(200));
        Assert.Equal(result.Scored + result.Unscored, heldOut);
        // The crashes come at morning hours only: the profile beats a flat day, with an interval that says so.
        var (profile, _, _) = RiskNowBenchmark.Bootstrap(result.Days, 200);
        Assert.True(profile.Low > 0.5, $"{profile}");
        Assert.True(profile.Low <= profile.Median && profile.Median <= profile.High);
    }

    [Theory]
    [InlineData(new[] { "crashes.csv" }, "the crash file and the weather file are required")]
    [InlineData(new[] { "a.csv", "w.csv" }, "--cutoff yyyy-MM-dd is required")]
    [InlineData(new[] { "a.csv", "w.csv", "--cutoff", "2019-13-01" }, "unknown or incomplete option '--cutoff'")]
    [InlineData(new[] { "a.csv", "w.csv", "--cutoff", "2019-01-01", "--days", "0" }, "option '--days'")]
    [InlineData(new[] { "a.csv", "w.csv", "--cutoff", "2019-01-01", "--rate-days", "7" }, "option '--rate-days'")]
    [InlineData(new[] { "a.csv", "w.csv", "--cutoff", "2019-01-01", "--bootstrap", "1e9" }, "option '--bootstrap'")]
    [InlineData(new[] { "a.csv", "/no/such/weather.csv", "--cutoff", "2019-01-01" }, "no such file")]
    public async Task Bad_options_are_refused_by_name(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => RiskNowBenchmark.RunAsync(args));
        Assert.Contains(message, error.Message);
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d < to; d = d.AddDays(1))
            yield return d;
    }

    private static List<TimedCrash> Crashes(DateOnly from, DateOnly to, int seed)
    {
        var random = new Random(seed);
        return Days(from, to)
            .SelectMany(d => Enumerable.Range(0, random.Next(2, 8))
                .Select(_ => new TimedCrash(random.Next(30), d, HourOfWeek.Of(d, random.Next(7 * 60, 9 * 60)))))
            .ToList();
    }
}
