using System.Text.Json;

namespace VisionZero.Risk.Now;

/// <summary>
/// Reads OpenWeatherMap's current weather (<c>/data/2.5/weather</c>): the condition codes of <c>weather</c> (2xx
/// thunderstorm, 3xx drizzle, 5xx rain, 6xx snow), <c>rain.1h</c> in mm, <c>main.temp</c> and <c>dt</c>. An error
/// answer (<c>cod</c> other than 200) or a body without those fields is refused with a message that names it.
/// </summary>
public static class OpenWeatherMapAnswer
{
    /// <summary>Condition codes OpenWeatherMap calls heavy: heavy thunderstorms, heavy and extreme rain.</summary>
    private static readonly HashSet<int> Heavy = [202, 212, 232, 502, 503, 504, 522, 531];

    /// <summary>Rain in the last hour from which the hour counts as heavy rain, whatever the code says.</summary>
    public const double HeavyRainMmPerHour = 4;

    public static CurrentConditions Parse(ReadOnlySpan<byte> body, OpenWeatherUnits units)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new WeatherAnswerException($"the answer is not JSON ({e.Message})", e);
        }
        using (document)
            return Read(document.RootElement, units);
    }

    private static CurrentConditions Read(JsonElement root, OpenWeatherUnits units)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new WeatherAnswerException("the answer is not a JSON object");
        var code = root.TryGetProperty("cod", out var cod) ? Text(cod) : "200";
        if (code != "200")
        {
            var message = root.TryGetProperty("message", out var m) ? Text(m) : "no message";
            throw new WeatherAnswerException($"OpenWeatherMap answered {Shown(code)}: {Shown(message)}");
        }
        var codes = new List<int>();
        var description = "";
        if (root.TryGetProperty("weather", out var weather) && weather.ValueKind == JsonValueKind.Array)
            foreach (var item in weather.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id)
                    && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var condition))
                {
                    codes.Add(condition);
                    if (description.Length == 0 && item.TryGetProperty("description", out var d))
                        description = Shown(Text(d));
                }
        if (codes.Count == 0)
            throw new WeatherAnswerException("the answer has no weather[].id condition code");
        var temperature = Number(root, "main", "temp")
                          ?? throw new WeatherAnswerException("the answer has no number at main.temp");
        var at = Number(root, "dt", null) is { } dt && dt is >= 0 and < 1e11
            ? DateTimeOffset.FromUnixTimeSeconds((long)dt)
            : throw new WeatherAnswerException("the answer has no time (dt, seconds since 1970)");
        var rain = Number(root, "rain", "1h") ?? 0;
        var fahrenheit = units switch
        {
            OpenWeatherUnits.Imperial => temperature,
            OpenWeatherUnits.Metric => temperature * 9 / 5 + 32,
            _ => (temperature - 273.15) * 9 / 5 + 32,
        };
        return new CurrentConditions(at, ClassOf(codes, rain), DailyWeather.BandOf(fahrenheit),
            Math.Round(fahrenheit, 1), description);
    }

    private static WeatherClass ClassOf(List<int> codes, double rainMm) =>
        codes.Any(c => c is >= 600 and < 700) ? WeatherClass.Snow
        : codes.Any(Heavy.Contains) || rainMm >= HeavyRainMmPerHour ? WeatherClass.HeavyRain
        : codes.Any(c => c is >= 200 and < 600) || rainMm > 0 ? WeatherClass.Rain
        : WeatherClass.Dry;

    private static double? Number(JsonElement root, string name, string? inner)
    {
        if (!root.TryGetProperty(name, out var value))
            return null;
        if (inner is not null && (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(inner, out value)))
            return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && double.IsFinite(n)
            ? n
            : null;
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    private static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
