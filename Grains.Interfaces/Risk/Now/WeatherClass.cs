namespace VisionZero.Risk.Now;

/// <summary>A day's conditions as the weather factor tells them apart (thresholds: <see cref="DailyWeather"/>).
/// </summary>
public enum WeatherClass
{
    Dry,
    Rain,
    HeavyRain,
    Snow,
}
