using System.Globalization;

namespace VisionZero.Edge.Gps;

/// <summary>Parses the NMEA 0183 field forms RMC and GGA use; each refuses anything else, never guesses.</summary>
internal static class NmeaFields
{
    private const double MetersPerSecondPerKnot = 1852.0 / 3600;

    /// <summary><c>hhmmss</c> with an optional decimal fraction of a second.</summary>
    public static bool TryParseTimeOfDay(string text, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        if (text.Length < 6 || !AreDigits(text.AsSpan(0, 6)))
            return false;
        var hours = Number(text, 0);
        var minutes = Number(text, 2);
        var seconds = Number(text, 4);
        if (hours > 23 || minutes > 59 || seconds > 59)
            return false;
        if (text.Length > 6 && (text[6] != '.' || !AreDigits(text.AsSpan(7))))
            return false;
        timeOfDay = new TimeSpan(hours, minutes, seconds) + FractionOfSecond(text.Length > 6 ? text.AsSpan(7) : []);
        return true;
    }

    /// <summary>The digits after a seconds' decimal point, to the tick (seven digits); more are below a tick.</summary>
    private static TimeSpan FractionOfSecond(ReadOnlySpan<char> digits)
    {
        var ticks = 0L;
        for (var i = 0; i < 7; i++)
            ticks = ticks * 10 + (i < digits.Length ? digits[i] - '0' : 0);
        return TimeSpan.FromTicks(ticks);
    }

    /// <summary><c>ddmmyy</c>; the two-digit year is taken as 20yy, as GPS receivers report this century.</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        if (text.Length != 6 || !AreDigits(text))
            return false;
        var day = Number(text, 0);
        var month = Number(text, 2);
        var year = 2000 + Number(text, 4);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// Latitude <c>ddmm.mmmm</c> with N or S, or longitude <c>dddmm.mmmm</c> with E or W, to signed degrees.
    /// </summary>
    public static bool TryParseAngle(string value, string hemisphere, bool isLatitude, out double degrees)
    {
        degrees = 0;
        var (positive, negative, limit) = isLatitude ? ("N", "S", 90) : ("E", "W", 180);
        if (hemisphere != positive && hemisphere != negative)
            return false;
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var packed))
            return false;
        var whole = Math.Floor(packed / 100);
        var minutes = packed - whole * 100;
        if (minutes >= 60 || whole + minutes / 60 > limit)
            return false;
        degrees = (whole + minutes / 60) * (hemisphere == negative ? -1 : 1);
        return true;
    }

    /// <summary>Speed over ground in knots to m/s; an empty field is no speed.</summary>
    public static bool TryParseKnots(string text, out double? metersPerSecond)
    {
        metersPerSecond = null;
        if (text.Length == 0)
            return true;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var knots))
            return false;
        metersPerSecond = knots * MetersPerSecondPerKnot;
        return true;
    }

    /// <summary>Course over ground in degrees; an empty field is no course, 360 is north.</summary>
    public static bool TryParseCourse(string text, out double? degrees)
    {
        degrees = null;
        if (text.Length == 0)
            return true;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var course)
            || course > 360)
            return false;
        degrees = course == 360 ? 0 : course;
        return true;
    }

    private static int Number(string text, int start) => (text[start] - '0') * 10 + (text[start + 1] - '0');

    private static bool AreDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is < '0' or > '9')
                return false;
        return true;
    }
}
