using VisionZero.Risk.Now;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class WeatherFactorsTests
{
    private static readonly DateOnly Day = new(2018, 3, 1);

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 60.0, WeatherClass.Dry, TemperatureBand.Mild)]
    [InlineData(0.05, 0.0, 0.0, 33.0, WeatherClass.Rain, TemperatureBand.Cold)]
    [InlineData(0.49, 0.0, 0.0, 81.0, WeatherClass.Rain, TemperatureBand.Hot)]
    [InlineData(0.5, 0.0, 0.0, 50.0, WeatherClass.HeavyRain, TemperatureBand.Cold)]
    [InlineData(0.5, 0.1, 0.0, 32.0, WeatherClass.Snow, TemperatureBand.Freezing)]
    [InlineData(0.0, 0.0, 1.0, 40.0, WeatherClass.Snow, TemperatureBand.Cold)]
    [InlineData(0.0, 0.09, 0.9, 40.0, WeatherClass.Dry, TemperatureBand.Cold)]
    public void A_day_is_classed_by_its_snow_then_its_rain_and_banded_by_its_high(
        double prcp, double snow, double depth, double high, WeatherClass weather, TemperatureBand band)
    {
        var day = new DailyWeather(Day, prcp, snow, depth, high);
        Assert.Equal(weather, day.Class);
        Assert.Equal(band, day.Band);
    }

    [Fact]
    public void Fitting_recovers_the_class_and_band_factors_that_made_the_days()
    {
        double[] byClass = [1.0, 1.1, 1.3, 0.8];
        double[] byBand = [1.2, 1.0, 0.95, 1.05];
        var random = new Random(3);
        var days = new List<WeatherDay>();
        for (var i = 0; i < 4_000; i++)
        {
            var weather = new DailyWeather(Day.AddDays(i), random.NextDouble() * 0.8, random.Next(4) == 0 ? 0.5 : 0,
                0, 20 + random.NextDouble() * 80);
            var expected = 500 + random.NextDouble() * 500;
            days.Add(new WeatherDay(weather, expected * byClass[(int)weather.Class] * byBand[(int)weather.Band],
                expected));
        }
        var fitted = WeatherFactors.Fit(days);
        // Only the products are identified: compare every class × band product.
        for (var k = 0; k < 4; k++)
            for (var b = 0; b < 4; b++)
                Assert.Equal(byClass[k] * byBand[b], fitted.ByClass[k] * fitted.ByBand[b], 0.01);
        Assert.Equal(4_000, fitted.Days);
    }

    [Fact]
    public void A_class_seen_on_few_days_stays_near_one()
    {
        var days = new List<WeatherDay>
        {
            new(new DailyWeather(Day, 0, 0, 0, 60), 1_000, 1_000),
            new(new DailyWeather(Day.AddDays(1), 0, 3, 5, 60), 4, 2), // one snow day, twice the crashes expected
        };
        var fitted = WeatherFactors.Fit(days);
        Assert.InRange(fitted.ByClass[(int)WeatherClass.Snow], 1.0, 1.05);
        Assert.Equal(1, WeatherFactors.Fit([]).Factor(new DailyWeather(Day, 2, 2, 2, 2)));
    }
}
