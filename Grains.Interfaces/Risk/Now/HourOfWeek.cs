namespace VisionZero.Risk.Now;

/// <summary>
/// The 168 hours of a week, Monday 00:00-00:59 first, in New York local time (the export's CRASH TIME is local).
/// </summary>
public static class HourOfWeek
{
    public const int Count = 168;

    /// <summary>The hour of the week of a day and a minute of that day (0 to 1,439).</summary>
    public static int Of(DateOnly day, int minuteOfDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minuteOfDay);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minuteOfDay, 1_439);
        return DayIndex(day) * 24 + minuteOfDay / 60;
    }

    /// <summary>Monday 0 to Sunday 6.</summary>
    public static int DayIndex(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;

    /// <summary>The band of the calibration table an hour of the week belongs to.</summary>
    public static HourBand BandOf(int hourOfWeek)
    {
        var weekend = hourOfWeek / 24 >= 5;
        var hour = hourOfWeek % 24;
        return (weekend, hour) switch
        {
            (true, < 6) => HourBand.WeekendNight,
            (true, _) => HourBand.WeekendDay,
            (false, < 6) => HourBand.WeekdayNight,
            (false, < 10) => HourBand.WeekdayMorning,
            (false, < 16) => HourBand.WeekdayMidday,
            (false, < 20) => HourBand.WeekdayEvening,
            _ => HourBand.WeekdayLate,
        };
    }
}
