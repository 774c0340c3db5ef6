namespace VisionZero.Risk.Now;

/// <summary>A daily weather table that cannot be read; the message names the line and what is wrong.</summary>
public sealed class WeatherFileException(string message, Exception? inner = null) : Exception(message, inner);
