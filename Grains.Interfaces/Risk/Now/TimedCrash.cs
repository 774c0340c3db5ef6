namespace VisionZero.Risk.Now;

/// <summary>A crash with a known time: its corner (an index the caller keeps), its day and its hour of the week.
/// </summary>
public readonly record struct TimedCrash(int Corner, DateOnly Day, int HourOfWeek);
