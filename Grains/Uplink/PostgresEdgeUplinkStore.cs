using System.Collections.Immutable;
using Npgsql;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// The uplink in PostgreSQL (vz_edge_device, vz_edge_log in deploy/sql/grid-postgres.sql). An append locks its
/// device's row for its transaction, so two activations of one device (a silo leaving) still apply batches one at
/// a time; entries go in with ON CONFLICT DO NOTHING on (device_id, seq), so nothing is ever stored twice.
/// </summary>
public sealed class PostgresEdgeUplinkStore(NpgsqlDataSource dataSource) : IEdgeUplinkStore
{
    private const string SummaryColumns = "device_id, first_seen, last_seen, entries, confirmed_seq, dropped, " +
        "last_fix_time, last_latitude, last_longitude, last_model_version";

    public async Task<UplinkReceipt> AppendAsync(
        string deviceId, UplinkBatch batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO vz_edge_device (device_id) VALUES ($1) ON CONFLICT (device_id) DO NOTHING",
            connection, transaction))
        {
            ensure.Parameters.AddWithValue(deviceId);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        long confirmed;
        await using (var read = new NpgsqlCommand(
            "SELECT confirmed_seq FROM vz_edge_device WHERE device_id = $1 FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue(deviceId);
            confirmed = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        }
        // A refused batch throws here; disposing the transaction rolls back the device row made above.
        var step = UplinkSequence.Apply(deviceId, confirmed, batch);
        var fresh = batch.Entries[step.FreshFrom..];
        var stored = fresh.Length == 0
            ? 0
            : await InsertAsync(connection, transaction, deviceId, fresh, cancellationToken);
        await using (var update = new NpgsqlCommand(
            """
            UPDATE vz_edge_device SET last_seen = now(), confirmed_seq = $2, entries = entries + $3,
                dropped = dropped + $4,
                last_fix_time = coalesce($5, last_fix_time), last_latitude = coalesce($6, last_latitude),
                last_longitude = coalesce($7, last_longitude),
                last_model_version = coalesce($8, last_model_version)
            WHERE device_id = $1
            """, connection, transaction))
        {
            var latest = fresh.Length > 0 ? fresh[^1] : null;
            update.Parameters.AddWithValue(deviceId);
            update.Parameters.AddWithValue(step.Confirmed);
            update.Parameters.AddWithValue((long)stored);
            update.Parameters.AddWithValue(step.Dropped);
            update.Parameters.Add(Nullable(latest?.Time.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz));
            update.Parameters.Add(Nullable(latest?.Latitude, NpgsqlTypes.NpgsqlDbType.Double));
            update.Parameters.Add(Nullable(latest?.Longitude, NpgsqlTypes.NpgsqlDbType.Double));
            update.Parameters.Add(Nullable(latest?.ModelVersion, NpgsqlTypes.NpgsqlDbType.Integer));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new UplinkReceipt(step.Confirmed, stored, batch.Entries.Length - stored);
    }

    public async Task<EdgeDeviceSummary?> GetDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {SummaryColumns} FROM vz_edge_device WHERE device_id = $1");
        command.Parameters.AddWithValue(deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? EdgeUplinkRows.Summary(reader) : null;
    }

    public async Task<ImmutableArray<EdgeDeviceSummary>> ListDevicesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {SummaryColumns} FROM vz_edge_device ORDER BY last_seen DESC, device_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = ImmutableArray.CreateBuilder<EdgeDeviceSummary>();
        while (await reader.ReadAsync(cancellationToken))
            devices.Add(EdgeUplinkRows.Summary(reader));
        return devices.ToImmutable();
    }

    public async Task<ImmutableArray<UplinkEntry>> LastEntriesAsync(
        string deviceId, int count, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {EdgeUplinkRows.EntryColumns} FROM vz_edge_log WHERE device_id = $1 ORDER BY seq DESC LIMIT $2");
        command.Parameters.AddWithValue(deviceId);
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<UplinkEntry>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(EdgeUplinkRows.Entry(reader));
        entries.Reverse();
        return [.. entries];
    }

    /// <summary>The entries as one array per column, unnested by PostgreSQL: one round trip per batch.</summary>
    private static async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string deviceId, ImmutableArray<UplinkEntry> entries, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO vz_edge_log (device_id, {EdgeUplinkRows.EntryColumns})
            SELECT $1, * FROM unnest($2::bigint[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[],
                $7::float8[], $8::integer[], $9::date[], $10::smallint[], $11::float8[], $12::text[], $13::boolean[])
            ON CONFLICT (device_id, seq) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue(deviceId);
        insert.Parameters.AddWithValue(entries.Select(e => e.Seq).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.Time.ToUniversalTime()).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.Latitude).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.Longitude).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.SpeedMetersPerSecond).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.CourseDegrees).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.ModelVersion).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.AsOf).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => (short?)e.HighestClass).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.ExpectedCrashes).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.NearestCornerId).ToArray());
        insert.Parameters.AddWithValue(entries.Select(e => e.Stale).ToArray());
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Nullable<T>(T? value, NpgsqlTypes.NpgsqlDbType type) where T : struct =>
        new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = type };
}
