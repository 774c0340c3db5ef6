using System.Text;
using VisionZero.Risk.Now;
using VisionZero.TestSupport;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class OpenWeatherMapAnswerTests
{
    private static CurrentConditions Parse(string json, OpenWeatherUnits units = OpenWeatherUnits.Imperial) =>
        OpenWeatherMapAnswer.Parse(Encoding.UTF8.GetBytes(json), units);

    private static string Refused(string json) =>
        Assert.Throws<WeatherAnswerException>(() => Parse(json)).Message;

    private static string Answer(string weather, string main = "{\"temp\":60}", string extra = "") =>
        $"{{\"weather\":{weather},\"main\":{main},\"dt\":1737511210{extra},\"cod\":200}}";

    [Fact]
    public void The_recorded_imperial_answer_is_a_dry_freezing_hour_at_its_time()
    {
        var body = File.ReadAllBytes(SharedData.Fixture("owm_current_weather_imperial_zip_query.json"));
        var now = OpenWeatherMapAnswer.Parse(body, OpenWeatherUnits.Imperial);
        Assert.Equal(DateTimeOffset.Parse("2025-01-22T02:00:10Z"), now.ObservedAt);
        Assert.Equal(WeatherClass.Dry, now.Class); // 804, overcast clouds
        Assert.Equal(TemperatureBand.Freezing, now.Band);
        Assert.Equal(-2.0, now.TemperatureF);
        Assert.Equal("overcast clouds", now.Description);
    }

    [Fact]
    public void The_recorded_standard_answer_is_read_in_kelvin_and_a_wrong_unit_would_change_its_band()
    {
        var body = File.ReadAllBytes(SharedData.Fixture("owm_current_weather_standard_units.json"));
        var now = OpenWeatherMapAnswer.Parse(body, OpenWeatherUnits.Standard);
        Assert.Equal(68.8, now.TemperatureF); // 293.57 K
        Assert.Equal(TemperatureBand.Mild, now.Band);
        Assert.Equal(WeatherClass.Dry, now.Class); // 741, fog
        Assert.Equal(TemperatureBand.Hot, OpenWeatherMapAnswer.Parse(body, OpenWeatherUnits.Imperial).Band);
    }

    [Theory]
    [InlineData("[{\"id\":800}]", "", WeatherClass.Dry)]
    [InlineData("[{\"id\":300}]", "", WeatherClass.Rain)]
    [InlineData("[{\"id\":500}]", "", WeatherClass.Rain)]
    [InlineData("[{\"id\":500}]", ",\"rain\":{\"1h\":4.2}", WeatherClass.HeavyRain)]
    [InlineData("[{\"id\":502}]", "", WeatherClass.HeavyRain)]
    [InlineData("[{\"id\":211}]", "", WeatherClass.Rain)]
    [InlineData("[{\"id\":701},{\"id\":601}]", "", WeatherClass.Snow)]
    [InlineData("[{\"id\":800}]", ",\"rain\":{\"1h\":0.3}", WeatherClass.Rain)]
    public void Condition_codes_and_the_last_hours_rain_give_the_class(
        string weather, string extra, WeatherClass expected) =>
        Assert.Equal(expected, Parse(Answer(weather, extra: extra)).Class);

    [Fact]
    public void Metric_temperatures_are_turned_into_fahrenheit()
    {
        var now = Parse(Answer("[{\"id\":800}]", "{\"temp\":-5}"), OpenWeatherUnits.Metric);
        Assert.Equal(23, now.TemperatureF);
        Assert.Equal(TemperatureBand.Freezing, now.Band);
    }

    [Theory]
    [InlineData("{\"cod\":401,\"message\":\"Invalid API key.\"}", "OpenWeatherMap answered 401: Invalid API key.")]
    [InlineData("{\"cod\":\"404\",\"message\":\"city not found\"}", "answered 404: city not found")]
    [InlineData("", "the answer is not JSON")]
    [InlineData("<html>502 Bad Gateway</html>", "the answer is not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"main\":{\"temp\":60},\"dt\":1,\"cod\":200}", "no weather[].id")]
    [InlineData("{\"weather\":[{\"id\":\"800\"}],\"main\":{\"temp\":60},\"dt\":1}", "no weather[].id")]
    [InlineData("{\"weather\":[{\"id\":800}],\"main\":{\"temp\":\"60\"},\"dt\":1}", "no number at main.temp")]
    [InlineData("{\"weather\":[{\"id\":800}],\"main\":60,\"dt\":1}", "no number at main.temp")]
    [InlineData("{\"weather\":[{\"id\":800}],\"main\":{\"temp\":60}}", "no time (dt")]
    [InlineData("{\"weather\":[{\"id\":800}],\"main\":{\"temp\":60},\"dt\":-5}", "no time (dt")]
    public void An_error_or_a_damaged_answer_is_refused_naming_what_is_wrong(string json, string message) =>
        Assert.Contains(message, Refused(json));

    [Fact]
    public void Hostile_and_huge_text_in_an_answer_is_cut_short_and_too_deep_nesting_is_refused()
    {
        var huge = Refused($"{{\"cod\":500,\"message\":\"<script>{new string('x', 100_000)}\"}}");
        Assert.True(huge.Length < 200, huge);
        Assert.Contains("<script>", huge);
        var deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        Assert.Contains("not JSON", Refused(deep));
    }
}
