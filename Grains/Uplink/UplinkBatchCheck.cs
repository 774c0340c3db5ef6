using System.Globalization;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// What a batch must be on its own, before it is compared with what is stored: at most 5,000 entries, numbered
/// from 1 up, each one more than the last (a repeated number is a duplicate, a skipped one a gap), with values an
/// edge can have logged (finite coordinates on the globe, a known class, and so on).
/// </summary>
public static class UplinkBatchCheck
{
    public const int MaxEntries = 5_000;
    public const int MaxCornerIdLength = 200;

    /// <summary>The first thing wrong with the batch, naming the entry and the field; null when none.</summary>
    public static string? Problem(UplinkBatch? batch)
    {
        if (batch is null || batch.Entries.IsDefault)
            return "the batch is missing or has no entry list";
        var entries = batch.Entries;
        if (entries.Length > MaxEntries)
            return $"the batch holds {entries.Length} entries; at most {MaxEntries} go at once";
        if (batch.DroppedThrough < 0)
            return $"droppedThrough {batch.DroppedThrough} is negative";
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry is null)
                return $"entry {i + 1} is missing";
            if (i == 0 && entry.Seq < 1)
                return $"sequence number {entry.Seq} (entry 1) is not one: they start at 1";
            if (i > 0 && Order(entries[i - 1].Seq, entry.Seq, i + 1) is { } order)
                return order;
            if (ValueProblem(entry) is { } value)
                return $"entry {i + 1} (sequence {entry.Seq}): {value}";
        }
        if (entries.Length > 0 && batch.DroppedThrough >= entries[0].Seq)
            return $"the batch says sequence numbers through {batch.DroppedThrough} were dropped, " +
                $"yet it sends {entries[0].Seq}";
        return null;
    }

    private static string? Order(long previous, long seq, int position)
    {
        if (seq == previous)
            return $"sequence number {seq} appears twice (entries {position - 1} and {position})";
        if (seq < previous)
            return $"sequence number {seq} (entry {position}) comes after {previous}: entries must be in order";
        if (seq != previous + 1)
            return $"sequence gap inside the batch: {seq} (entry {position}) follows {previous}";
        return null;
    }

    private static string? ValueProblem(UplinkEntry e)
    {
        if (e.Time.Year is < 2000 or > 2199)
            return $"time {e.Time:O} is not a GPS fix's time (years 2000 to 2199)";
        if (!double.IsFinite(e.Latitude) || e.Latitude is < -90 or > 90)
            return $"latitude {Show(e.Latitude)} is not a latitude (finite, -90 to 90)";
        if (!double.IsFinite(e.Longitude) || e.Longitude is < -180 or > 180)
            return $"longitude {Show(e.Longitude)} is not a longitude (finite, -180 to 180)";
        if (e.SpeedMetersPerSecond is { } speed && (!double.IsFinite(speed) || speed < 0))
            return $"speed {Show(speed)} is not a speed (finite, 0 or more metres a second)";
        if (e.CourseDegrees is { } course && (!double.IsFinite(course) || course is < 0 or > 360))
            return $"course {Show(course)} is not a heading (0 to 360 degrees)";
        if (e.ModelVersion is < 1)
            return $"model version {e.ModelVersion} is not a version (1 or more)";
        if (e.HighestClass is { } highest && !Enum.IsDefined(highest))
            return $"highest class {(int)highest} is not one of the five classes (0 to 4)";
        if (!double.IsFinite(e.ExpectedCrashes) || e.ExpectedCrashes < 0)
            return $"expected crashes {Show(e.ExpectedCrashes)} is not a count (finite, 0 or more)";
        if (e.NearestScore is { } score && (!double.IsFinite(score) || score < 0))
            return $"the nearest corner's score {Show(score)} is not a count (finite, 0 or more)";
        if (e.NearestClass is { } nearest && !Enum.IsDefined(nearest))
            return $"the nearest corner's class {(int)nearest} is not one of the five classes (0 to 4)";
        if ((e.NearestScore is null) != (e.NearestClass is null))
            return "the nearest corner's score and class come together or not at all";
        if (e.NearestScore is not null && e.NearestCornerId is null)
            return "a nearest corner's score is sent without the corner's id";
        return e.NearestCornerId is { } corner ? CornerProblem(corner) : null;
    }

    private static string? CornerProblem(string id)
    {
        if (id.Length == 0)
            return "the nearest corner id is empty (leave it out when there is none)";
        if (id.Length > MaxCornerIdLength)
            return $"the nearest corner id is {id.Length} characters long; at most {MaxCornerIdLength}";
        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsControl(id[i]))
                return $"the nearest corner id holds a control character at position {i + 1}";
        }
        return null;
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
