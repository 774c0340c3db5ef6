namespace VisionZero.Risk.Now;

/// <summary>Bands of the week the held-out calibration is reported by (hours are local, end exclusive).</summary>
public enum HourBand
{
    /// <summary>Monday to Friday, 00 to 06.</summary>
    WeekdayNight,

    /// <summary>Monday to Friday, 06 to 10.</summary>
    WeekdayMorning,

    /// <summary>Monday to Friday, 10 to 16.</summary>
    WeekdayMidday,

    /// <summary>Monday to Friday, 16 to 20.</summary>
    WeekdayEvening,

    /// <summary>Monday to Friday, 20 to 24.</summary>
    WeekdayLate,

    /// <summary>Saturday and Sunday, 00 to 06.</summary>
    WeekendNight,

    /// <summary>Saturday and Sunday, 06 to 24.</summary>
    WeekendDay,
}
