namespace VisionZero.Risk.Now;

/// <summary>A current-weather answer that cannot be used; the message says what is wrong with it.</summary>
public sealed class WeatherAnswerException(string message, Exception? inner = null) : Exception(message, inner);
