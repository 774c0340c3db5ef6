using VisionZero.Risk.Now;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class RiskNowLearnerTests
{
    private static readonly DateOnly Start = new(2017, 1, 2);
    private static readonly DateOnly Cutoff = new(2019, 1, 1);

    [Fact]
    public void The_profile_and_the_weather_factors_are_learnt_only_from_days_before_the_cutoff()
    {
        var (crashes, weather) = History(Start, Cutoff.AddDays(365), seed: 1);
        var model = RiskNowLearner.Learn(crashes, Table(weather), Cutoff, 48);

        // Everything from the cutoff on changed: other crashes at other hours, other weather.
        var (later, laterWeather) = History(Cutoff, Cutoff.AddDays(365), seed: 2, rainy: true);
        var changed = RiskNowLearner.Learn(
            [.. crashes.Where(c => c.Day < Cutoff), .. later],
            Table([.. weather.Where(w => w.Day < Cutoff), .. laterWeather]),
            Cutoff, 48);

        Assert.Equal(model.GridProfile.Shares.ToArray(), changed.GridProfile.Shares.ToArray());
        Assert.Equal(model.Weather.ByClass.ToArray(), changed.Weather.ByClass.ToArray());
        Assert.Equal(model.Weather.ByBand.ToArray(), changed.Weather.ByBand.ToArray());
        Assert.Equal(model.Weather.Days, changed.Weather.Days);
        Assert.Equal(Cutoff, model.TrainedBefore);

        // ...while a day before the cutoff does move them.
        var earlier = RiskNowLearner.Learn(
            [.. crashes, new TimedCrash(0, Cutoff.AddDays(-1), 3)], Table(weather), Cutoff, 48);
        Assert.NotEqual(model.GridProfile.Shares.ToArray(), earlier.GridProfile.Shares.ToArray());
    }

    [Fact]
    public void Wet_days_with_more_crashes_than_the_trailing_rate_expects_get_a_factor_above_one()
    {
        var random = new Random(5);
        var crashes = new List<TimedCrash>();
        var weather = new List<DailyWeather>();
        for (var day = Start; day < Cutoff; day = day.AddDays(1))
        {
            var wet = random.Next(5) == 0;
            weather.Add(new DailyWeather(day, wet ? 1.0 : 0, 0, 0, 60));
            for (var i = 0; i < (wet ? 30 : 20); i++)
                crashes.Add(new TimedCrash(i % 7, day, HourOfWeek.Of(day, i * 40)));
        }
        var model = RiskNowLearner.Learn(crashes, Table(weather), Cutoff, 48);
        var heavy = model.Weather.Factor(new DailyWeather(Cutoff, 1.0, 0, 0, 60));
        var dry = model.Weather.Factor(new DailyWeather(Cutoff, 0, 0, 0, 60));
        Assert.InRange(heavy / dry, 1.4, 1.6);
        // Every day with a full trailing window before it, up to the cutoff.
        Assert.Equal(Cutoff.DayNumber - Start.DayNumber - RiskNowLearner.RateDays, model.Weather.Days);
    }

    [Fact]
    public void With_no_crash_before_the_cutoff_the_model_is_flat_and_weather_neutral()
    {
        var model = RiskNowLearner.Learn([new TimedCrash(0, Cutoff, 5)], Table([]), Cutoff, 48);
        Assert.All(model.GridProfile.Shares, s => Assert.Equal(1.0 / 168, s, 12));
        Assert.Same(WeatherFactors.None, model.Weather);
        var profile = model.CornerProfile(new int[HourOfWeek.Count]);
        Assert.Equal(2.0 * 7 / 168, model.Expected(2, profile, 40, null), 12);
    }

    private static WeatherTable Table(IEnumerable<DailyWeather> days) => new(days, 0);

    private static (List<TimedCrash> Crashes, List<DailyWeather> Weather) History(
        DateOnly from, DateOnly to, int seed, bool rainy = false)
    {
        var random = new Random(seed);
        var crashes = new List<TimedCrash>();
        var weather = new List<DailyWeather>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            weather.Add(new DailyWeather(day, rainy || random.Next(4) == 0 ? 0.6 : 0, 0, 0, 30 + random.Next(60)));
            for (var i = random.Next(5, 15); i > 0; i--)
                crashes.Add(new TimedCrash(random.Next(20), day, HourOfWeek.Of(day, random.Next(1_440))));
        }
        return (crashes, weather);
    }
}
