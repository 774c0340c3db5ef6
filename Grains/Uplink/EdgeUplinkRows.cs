using Npgsql;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>How the uplink's PostgreSQL rows read back: the column lists and their order, in one place.</summary>
internal static class EdgeUplinkRows
{
    public const string EntryColumns = "seq, fix_time, latitude, longitude, speed_mps, course_degrees, " +
        "model_version, as_of, highest_class, expected_crashes, nearest_corner_id, stale";

    /// <summary>A row of <see cref="EntryColumns"/>.</summary>
    public static UplinkEntry Entry(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetDouble(2), r.GetDouble(3),
        r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5),
        r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7),
        r.IsDBNull(8) ? null : (RiskClass)r.GetInt16(8), r.GetDouble(9),
        r.IsDBNull(10) ? null : r.GetString(10), r.GetBoolean(11));

    /// <summary>A row of the store's summary columns.</summary>
    public static EdgeDeviceSummary Summary(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetInt64(3),
        r.GetInt64(4), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetDouble(8),
        r.IsDBNull(9) ? null : r.GetInt32(9));
}
