namespace VisionZero.CrashData;

/// <summary>
/// The invariants of an accepted record, checked again where records enter the cluster: a client
/// other than vz (or a buggy one) must not be able to put a future date or a point in New Jersey on the grid.
/// </summary>
public static class CrashRecordCheck
{
    public static (string Reason, string Detail)? Find(
        CrashRecord record,
        IntersectionKey? intersection,
        DateOnly today)
    {
        if (record.CollisionId <= 0)
            return (RejectReason.BadId, $"COLLISION_ID {record.CollisionId} is not positive");
        if (record.CrashDate < CrashRowParser.EarliestDate)
            return (RejectReason.BadDate,
                $"CRASH DATE {record.CrashDate:yyyy-MM-dd} is before {CrashRowParser.EarliestDate:yyyy-MM-dd}");
        if (record.CrashDate > today)
            return (RejectReason.FutureDate,
                $"CRASH DATE {record.CrashDate:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})");
        if (record.MinuteOfDay is < -1 or >= 24 * 60)
            return (RejectReason.BadTime, $"minute of day {record.MinuteOfDay} is not a time of day");
        var c = record.Casualties;
        foreach (var count in (ReadOnlySpan<short>)[
                     c.PersonsInjured, c.PersonsKilled, c.PedestriansInjured, c.PedestriansKilled,
                     c.CyclistsInjured, c.CyclistsKilled, c.MotoristsInjured, c.MotoristsKilled])
        {
            if (count is < 0 or > CrashRowParser.MaxCount)
                return (RejectReason.BadCount, $"a casualty count is {count} (from 0 to {CrashRowParser.MaxCount})");
        }
        if (record.HasCoordinates && !NycBounds.Contains(record.Latitude!.Value, record.Longitude!.Value))
            return (RejectReason.OutsideNyc,
                $"coordinates ({record.Latitude}, {record.Longitude}) are outside New York City");
        foreach (var name in new[] { record.OnStreet, record.CrossStreet, record.OffStreet })
        {
            if (name is { Length: > StreetName.MaxLength })
                return (RejectReason.BadStreetName,
                    $"a street name is {name.Length} characters long (at most {StreetName.MaxLength})");
        }
        if (intersection is null && !record.HasCoordinates)
            return (RejectReason.NoLocation, "no coordinates and no ON + CROSS street pair");
        return null;
    }
}
