using System.Globalization;

namespace VisionZero.Edge.Gps;

/// <summary>Parses the decimal degrees and ISO-8601 times that GPX and CSV traces carry.</summary>
internal static class TraceText
{
    /// <summary>A finite number within <paramref name="limit"/> degrees of zero; no thousands separators.</summary>
    public static bool TryParseDegrees(ReadOnlySpan<char> text, double limit, out double degrees) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out degrees)
        && double.IsFinite(degrees) && Math.Abs(degrees) <= limit;

    /// <summary>
    /// An ISO-8601 time such as <c>2021-10-05T13:30:00Z</c>, to UTC; a time without an offset is taken as UTC,
    /// which is what GPX requires and what loggers write.
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        var ok = DateTimeOffset.TryParse(
            text.Trim(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
        return ok && IsIsoShaped(text.Trim());
    }

    /// <summary>TryParse alone would also take "10/05/2021" or "Tuesday": a trace says yyyy-MM-ddTHH:mm.</summary>
    private static bool IsIsoShaped(ReadOnlySpan<char> text) =>
        text.Length >= 16 && text[4] == '-' && text[7] == '-' && (text[10] is 'T' or 't' or ' ') && text[13] == ':';
}
