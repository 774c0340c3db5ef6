namespace VisionZero.Risk.Now;

/// <summary>The day's highest temperature: at most 32 °F, 33-50, 51-80, above 80.</summary>
public enum TemperatureBand
{
    Freezing,
    Cold,
    Mild,
    Hot,
}
