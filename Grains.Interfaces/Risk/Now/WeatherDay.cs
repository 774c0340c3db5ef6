namespace VisionZero.Risk.Now;

/// <summary>
/// One day the weather factor learns from: its conditions, the crashes seen and those expected without weather.
/// </summary>
public readonly record struct WeatherDay(DailyWeather Weather, double Observed, double Expected);
