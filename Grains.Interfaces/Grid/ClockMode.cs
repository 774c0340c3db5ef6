namespace VisionZero.Grid;

/// <summary>
/// Which day "now" is. Public crash data arrives weeks late, so the default as-of day is the latest
/// crash ingested; Wall uses the machine's date (historic files then read as zero).
/// </summary>
public enum ClockMode
{
    Data,
    Wall,
}
