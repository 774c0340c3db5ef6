namespace VisionZero.Risk.Now;

/// <summary>The <c>units</c> an OpenWeatherMap request asked for: its answer does not say which it used.</summary>
public enum OpenWeatherUnits
{
    /// <summary>Kelvin (no <c>units</c> parameter).</summary>
    Standard,

    /// <summary>°C.</summary>
    Metric,

    /// <summary>°F.</summary>
    Imperial,
}
