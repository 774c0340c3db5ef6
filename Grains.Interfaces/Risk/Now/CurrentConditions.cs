namespace VisionZero.Risk.Now;

/// <summary>
/// The weather now, in the classes the weather factor knows. The band comes from the current temperature where the
/// daily table uses the day's high: the nearest thing a current-weather answer has.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.CurrentConditions")]
public sealed record CurrentConditions(
    [property: Id(0)] DateTimeOffset ObservedAt,
    [property: Id(1)] WeatherClass Class,
    [property: Id(2)] TemperatureBand Band,
    [property: Id(3)] double TemperatureF,
    [property: Id(4)] string Description);
