namespace VisionZero.Risk.Now;

/// <summary>
/// One day's conditions at Central Park in NOAA's units (GHCN-Daily "standard"): precipitation, snowfall and snow
/// depth in inches, the day's highest temperature in °F. Snowfall is null on the rare day NOAA left it empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.DailyWeather")]
public sealed record DailyWeather(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] double PrecipitationIn,
    [property: Id(2)] double? SnowIn,
    [property: Id(3)] double SnowDepthIn,
    [property: Id(4)] double MaxTemperatureF)
{
    /// <summary>Snowfall from 0.1 in, or snow on the ground from 1 in.</summary>
    public const double SnowFromIn = 0.1, SnowDepthFromIn = 1.0;

    /// <summary>Precipitation from 0.05 in is rain; from 0.5 in, heavy rain.</summary>
    public const double RainFromIn = 0.05, HeavyRainFromIn = 0.5;

    public WeatherClass Class =>
        (SnowIn ?? 0) >= SnowFromIn || SnowDepthIn >= SnowDepthFromIn ? WeatherClass.Snow
        : PrecipitationIn >= HeavyRainFromIn ? WeatherClass.HeavyRain
        : PrecipitationIn >= RainFromIn ? WeatherClass.Rain
        : WeatherClass.Dry;

    public TemperatureBand Band => BandOf(MaxTemperatureF);

    public static TemperatureBand BandOf(double temperatureF) => temperatureF switch
    {
        <= 32 => TemperatureBand.Freezing,
        <= 50 => TemperatureBand.Cold,
        <= 80 => TemperatureBand.Mild,
        _ => TemperatureBand.Hot,
    };
}
