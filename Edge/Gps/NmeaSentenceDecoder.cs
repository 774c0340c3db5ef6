namespace VisionZero.Edge.Gps;

/// <summary>
/// Decodes one NMEA 0183 line at a time, remembering what a stream of them needs: GGA carries no date, so it
/// takes the date of the last RMC; and a receiver reports each epoch in both RMC and GGA, so only the first
/// fix of an epoch is passed on. Sentences other than RMC and GGA are ignored.
/// </summary>
internal sealed class NmeaSentenceDecoder
{
    private DateOnly? _rmcDate;
    private TimeSpan _rmcTimeOfDay;
    private DateTimeOffset? _lastEpoch;

    /// <summary>The line's fix or skip reason; null for a sentence this reader does not use.</summary>
    public FixParseResult? Decode(string line)
    {
        if (!IsPrintableAscii(line) || line.Length < 7 || line[0] != '$' || line[6] != ',')
            return Skip(FixSkipReason.Malformed);
        var type = line.AsSpan(3, 3);
        var isRmc = type is "RMC";
        if (line[1] == 'P' || (!isRmc && type is not "GGA"))
            return null; // proprietary ($P...) and other standard sentences: satellites, DOP, headings
        if (!NmeaChecksum.TryVerify(line, out var body))
            return Skip(FixSkipReason.BadChecksum);
        var fields = body.Split(',');
        var result = isRmc ? DecodeRmc(fields) : DecodeGga(fields);
        if (result.Fix is { } fix)
        {
            if (fix.Time == _lastEpoch)
                return null;
            _lastEpoch = fix.Time;
        }
        return result;
    }

    /// <summary><c>$--RMC,time,status,lat,N,lon,W,knots,course,ddmmyy,var,E[,mode[,nav status]]</c></summary>
    private FixParseResult DecodeRmc(string[] fields)
    {
        if (fields.Length is < 12 or > 14)
            return Skip(FixSkipReason.Malformed);
        var hasTime = NmeaFields.TryParseTimeOfDay(fields[1], out var timeOfDay);
        var hasDate = NmeaFields.TryParseDate(fields[9], out var date);
        if (hasTime && hasDate)
        {
            // A receiver without a fix still keeps time: its date serves the GGAs that follow.
            _rmcDate = date;
            _rmcTimeOfDay = timeOfDay;
        }
        if (fields[2] == "V" || (fields.Length > 12 && fields[12] == "N"))
            return Skip(FixSkipReason.NoFix);
        if (fields[2] != "A")
            return Skip(FixSkipReason.Malformed);
        if (fields[3].Length == 0 || fields[5].Length == 0)
            return Skip(FixSkipReason.NoFix);
        if (!hasTime || !hasDate
            || !NmeaFields.TryParseAngle(fields[3], fields[4], isLatitude: true, out var latitude)
            || !NmeaFields.TryParseAngle(fields[5], fields[6], isLatitude: false, out var longitude)
            || !NmeaFields.TryParseKnots(fields[7], out var speed)
            || !NmeaFields.TryParseCourse(fields[8], out var course))
            return Skip(FixSkipReason.Malformed);
        return FixParseResult.Parsed(new GpsFix(At(date, timeOfDay), latitude, longitude, speed, course));
    }

    /// <summary><c>$--GGA,time,lat,N,lon,W,quality,satellites,hdop,alt,M,separation,M,age,station</c></summary>
    private FixParseResult DecodeGga(string[] fields)
    {
        if (fields.Length != 15)
            return Skip(FixSkipReason.Malformed);
        var quality = fields[6];
        if (quality is "" or "0")
            return Skip(FixSkipReason.NoFix);
        if (quality.Length != 1 || !char.IsAsciiDigit(quality[0]))
            return Skip(FixSkipReason.Malformed);
        if (fields[2].Length == 0 || fields[4].Length == 0)
            return Skip(FixSkipReason.NoFix);
        if (!NmeaFields.TryParseTimeOfDay(fields[1], out var timeOfDay)
            || !NmeaFields.TryParseAngle(fields[2], fields[3], isLatitude: true, out var latitude)
            || !NmeaFields.TryParseAngle(fields[4], fields[5], isLatitude: false, out var longitude))
            return Skip(FixSkipReason.Malformed);
        if (_rmcDate is not { } date)
            return Skip(FixSkipReason.NoFix); // no date to put the time on yet
        // Past midnight UTC the GGA's time is small while the last RMC's date is still yesterday's.
        if (timeOfDay < _rmcTimeOfDay - TimeSpan.FromHours(12))
            date = date.AddDays(1);
        return FixParseResult.Parsed(new GpsFix(At(date, timeOfDay), latitude, longitude));
    }

    private static DateTimeOffset At(DateOnly date, TimeSpan timeOfDay) =>
        new(date.ToDateTime(TimeOnly.MinValue) + timeOfDay, TimeSpan.Zero);

    private static FixParseResult Skip(FixSkipReason reason) => FixParseResult.Skipped(reason);

    private static bool IsPrintableAscii(string line)
    {
        foreach (var c in line)
            if (c is < ' ' or > '~')
                return false;
        return true;
    }
}
