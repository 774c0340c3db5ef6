using Microsoft.Data.Sqlite;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Edge.Store;

/// <summary>
/// How a log entry sits in the store's uplink table: time as UTC ticks, the as-of day as a day number, the class
/// as its number; the column order of <see cref="Columns"/> in both directions.
/// </summary>
internal static class UplinkRows
{
    public const string Columns = "time, latitude, longitude, speed, course, model_version, as_of, highest_class, " +
        "expected_crashes, nearest_corner_id, stale, nearest_score, nearest_class";

    private static readonly string[] Names =
        ["$time", "$lat", "$lon", "$speed", "$course", "$model", "$asof", "$class", "$expected", "$corner", "$stale",
            "$nearestScore", "$nearestClass"];

    public static string Placeholders { get; } = string.Join(", ", Names);

    /// <summary>The entry's values (all but Seq) by parameter name, for <see cref="Placeholders"/>.</summary>
    public static (string Name, object? Value)[] Values(UplinkEntry e) =>
    [
        .. Names.Zip<string, object?>([
            e.Time.UtcTicks, e.Latitude, e.Longitude, e.SpeedMetersPerSecond, e.CourseDegrees, e.ModelVersion,
            e.AsOf?.DayNumber, e.HighestClass is { } c ? (int)c : null, e.ExpectedCrashes, e.NearestCornerId,
            e.Stale ? 1 : 0, e.NearestScore, e.NearestClass is { } n ? (int)n : null,
        ]),
    ];

    /// <summary>A row of "seq, " + <see cref="Columns"/>.</summary>
    public static UplinkEntry Read(SqliteDataReader r) => new(
        r.GetInt64(0), new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero), r.GetDouble(2), r.GetDouble(3),
        r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5),
        r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : DateOnly.FromDayNumber(r.GetInt32(7)),
        r.IsDBNull(8) ? null : (RiskClass)r.GetInt32(8), r.GetDouble(9),
        r.IsDBNull(10) ? null : r.GetString(10), r.GetInt64(11) != 0,
        r.IsDBNull(12) ? null : r.GetDouble(12), r.IsDBNull(13) ? null : (RiskClass)r.GetInt32(13));
}
