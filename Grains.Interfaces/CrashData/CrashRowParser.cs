using System.Globalization;

namespace VisionZero.CrashData;

/// <summary>
/// Turns the raw field values of one row (indexed by <see cref="CrashField"/>) into a record,
/// or into a rejection naming the field and value at fault. Format-agnostic: CSV and SODA JSON share it.
/// </summary>
public sealed class CrashRowParser(DateOnly today)
{
    /// <summary>Rows longer than this are cut in the quarantine (the reason is what matters).</summary>
    public const int MaxRawRowLength = 4096;

    /// <summary>The largest injured or killed count a record may carry (more is a data error).</summary>
    public const int MaxCount = 999;

    private static readonly string[] DateFormats =
    [
        "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "MM/dd/yy",
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss"
    ];

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    private static readonly (CrashField Field, string Name)[] CountFields =
    [
        (CrashField.PersonsInjured, "NUMBER OF PERSONS INJURED"),
        (CrashField.PersonsKilled, "NUMBER OF PERSONS KILLED"),
        (CrashField.PedestriansInjured, "NUMBER OF PEDESTRIANS INJURED"),
        (CrashField.PedestriansKilled, "NUMBER OF PEDESTRIANS KILLED"),
        (CrashField.CyclistsInjured, "NUMBER OF CYCLIST INJURED"),
        (CrashField.CyclistsKilled, "NUMBER OF CYCLIST KILLED"),
        (CrashField.MotoristsInjured, "NUMBER OF MOTORIST INJURED"),
        (CrashField.MotoristsKilled, "NUMBER OF MOTORIST KILLED"),
    ];

    /// <summary>The earliest day the dataset covers is 2012-07-01; anything before 2000 is a typo.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public DateOnly Today { get; } = today;

    public CrashRow Parse(string?[] values, long lineNumber, ReadOnlySpan<char> rawRow)
    {
        var error = TryParse(values, out var record);
        if (error is null)
            return CrashRow.Accept(record!);
        var raw = (rawRow.Length > MaxRawRowLength ? rawRow[..MaxRawRowLength] : rawRow).ToString();
        return CrashRow.Reject(new RejectedRow(lineNumber, error.Value.Reason, error.Value.Detail, raw));
    }

    private (string Reason, string Detail)? TryParse(string?[] v, out CrashRecord? record)
    {
        record = null;
        var idText = v[(int)CrashField.CollisionId]?.Trim();
        if (string.IsNullOrEmpty(idText))
            return (RejectReason.MissingId, "COLLISION_ID is empty");
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return (RejectReason.BadId, $"COLLISION_ID '{Shorten(idText)}' is not a positive whole number");

        var dateText = v[(int)CrashField.Date]?.Trim();
        if (!TryParsePortalDate(dateText, out var date) &&
            !DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return (RejectReason.BadDate, $"CRASH DATE '{Shorten(dateText)}' is not a date");
        if (date < EarliestDate)
            return (RejectReason.BadDate, $"CRASH DATE {date:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}");
        if (date > Today)
            return (RejectReason.FutureDate, $"CRASH DATE {date:yyyy-MM-dd} is after today ({Today:yyyy-MM-dd})");

        short minute = -1;
        var timeText = v[(int)CrashField.Time]?.Trim();
        if (!string.IsNullOrEmpty(timeText))
        {
            if (!TimeOnly.TryParseExact(
                    timeText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                return (RejectReason.BadTime, $"CRASH TIME '{Shorten(timeText)}' is not a time of day");
            minute = (short)(time.Hour * 60 + time.Minute);
        }

        Span<short> counts = stackalloc short[CountFields.Length];
        for (var i = 0; i < CountFields.Length; i++)
        {
            var text = v[(int)CountFields[i].Field]?.Trim();
            if (string.IsNullOrEmpty(text))
                continue;
            // pandas writes counts as floats ("2.0"); anything else that is not a small whole number is an error.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) ||
                count < 0 || count > MaxCount || count != Math.Floor(count))
                return (RejectReason.BadCount,
                    $"{CountFields[i].Name} '{Shorten(text)}' is not a count from 0 to {MaxCount}");
            counts[i] = (short)count;
        }

        var coordinateError = CoordinateText.TryRead(
            v[(int)CrashField.Latitude], v[(int)CrashField.Longitude], v[(int)CrashField.Location],
            out var latitude, out var longitude);
        if (coordinateError is not null)
            return coordinateError;

        var on = StreetName.Clean(v[(int)CrashField.OnStreet]);
        var cross = StreetName.Clean(v[(int)CrashField.CrossStreet]);
        var off = StreetName.Clean(v[(int)CrashField.OffStreet]);
        foreach (var (name, label) in
                 new[] { (on, "ON STREET NAME"), (cross, "CROSS STREET NAME"), (off, "OFF STREET NAME") })
        {
            if (name is { Length: > StreetName.MaxLength })
                return (RejectReason.BadStreetName,
                    $"{label} is {name.Length} characters long (at most {StreetName.MaxLength})");
        }

        record = new CrashRecord(
            id, date, minute,
            Optional(v[(int)CrashField.Borough]), ZipCode(v[(int)CrashField.ZipCode]),
            latitude, longitude, on, cross, off,
            new Casualties(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]),
            Join(v, CrashField.Factor1, CrashField.Factor5), Join(v, CrashField.Vehicle1, CrashField.Vehicle5));
        // Canonicalising the streets is the costly part; only a row without coordinates needs it here.
        if (!record.HasCoordinates && record.Intersection is null)
        {
            record = null;
            return (RejectReason.NoLocation, "no coordinates and no ON + CROSS street pair");
        }
        return null;
    }

    /// <summary>The portal's MM/dd/yyyy, parsed by hand: the general parser is the costliest step of a row.</summary>
    private static bool TryParsePortalDate(string? text, out DateOnly date)
    {
        date = default;
        if (text is not { Length: 10 } || text[2] != '/' || text[5] != '/')
            return false;
        if (!int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) ||
            !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day) ||
            !int.TryParse(text.AsSpan(6, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            month is < 1 or > 12 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static string? Optional(string? value)
    {
        var cleaned = StreetName.Clean(value);
        return cleaned is { Length: > 64 } ? cleaned[..64] : cleaned;
    }

    /// <summary>pandas exports write ZIP codes as floats ("11207.0").</summary>
    private static string? ZipCode(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.EndsWith(".0", StringComparison.Ordinal))
            text = text[..^2];
        return text.Length == 5 && text.All(char.IsAsciiDigit) ? text : null;
    }

    private static string? Join(string?[] values, CrashField first, CrashField last)
    {
        List<string>? parts = null;
        for (var f = (int)first; f <= (int)last; f++)
        {
            var cleaned = Optional(values[f]);
            if (cleaned is not null)
                (parts ??= []).Add(cleaned);
        }
        return parts is null ? null : string.Join('|', parts);
    }

    internal static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
