using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>
/// Raw records, ledger and quarantine in PostgreSQL (tables in deploy/sql/grid-postgres.sql).
/// A batch is one round trip to read what exists, one binary COPY into a staging table and one upsert.
/// </summary>
public sealed class PostgresCrashStore(NpgsqlDataSource dataSource) : ICrashStore
{
    private const string CrashColumns =
        "collision_id, crash_date, minute_of_day, borough, zip_code, latitude, longitude, on_street, cross_street, " +
        "off_street, persons_injured, persons_killed, pedestrians_injured, pedestrians_killed, cyclists_injured, " +
        "cyclists_killed, motorists_injured, motorists_killed, factors, vehicles, intersection_id, " +
        "content_hash, run_id";

    public async Task StartRunAsync(
        Guid runId, string source, string silo, bool replay, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO vz_ingest_run (run_id, source, status, silo, replay) VALUES ($1, $2, 'running', $3, $4) " +
            "ON CONFLICT (run_id) DO NOTHING");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(StorageText.Safe(source)!);
        command.Parameters.AddWithValue(silo);
        command.Parameters.AddWithValue(replay);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ImmutableArray<StoreOutcome>> UpsertAsync(
        Guid runId, IReadOnlyList<IncomingCrash> crashes, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var known = await ReadExistingAsync(connection, crashes, cancellationToken);
        var (outcomes, fresh, changed) = CrashClassifier.Classify(runId, crashes, known);
        if (fresh.Count > 0 && !await TryInsertNewAsync(connection, runId, fresh, cancellationToken))
        {
            // Upsert them all instead; where an id is both new and changed in this batch, the later version wins.
            changed = [.. fresh.Concat(changed).GroupBy(c => c.Crash.Record.CollisionId).Select(g => g.Last())];
        }
        if (changed.Count > 0)
            await UpsertAsync(connection, runId, changed, cancellationToken);
        return outcomes;
    }

    private static async Task<Dictionary<long, StoredCrash>> ReadExistingAsync(
        NpgsqlConnection connection, IReadOnlyList<IncomingCrash> crashes, CancellationToken cancellationToken)
    {
        var ids = new long[crashes.Count];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = crashes[i].Record.CollisionId;
        await using var command = new NpgsqlCommand(
            "SELECT c.collision_id, c.content_hash, coalesce(c.intersection_id, c.attributed_intersection_id), " +
            "c.run_id, r.status = 'completed' AND NOT r.replay " +
            "FROM vz_crash_located c LEFT JOIN vz_ingest_run r ON r.run_id = c.run_id " +
            "WHERE c.collision_id = ANY($1)", connection);
        command.Parameters.AddWithValue(ids);
        // Sized for the whole batch: the classifier adds every new id to it (LOH growth otherwise).
        var known = new Dictionary<long, StoredCrash>(crashes.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known[reader.GetInt64(0)] = new StoredCrash(
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetGuid(3),
                !reader.IsDBNull(4) && reader.GetBoolean(4));
        }
        return known;
    }

    /// <summary>
    /// The common case, rows never seen: one COPY straight into the table. If another run inserted one
    /// of them since we looked, the COPY fails as a whole and the caller upserts instead.
    /// </summary>
    private static async Task<bool> TryInsertNewAsync(NpgsqlConnection connection, Guid runId,
        List<(IncomingCrash Crash, long Hash)> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                $"COPY vz_crash ({CrashColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var (crash, hash) in rows)
                    await WriteRowAsync(copy, crash, hash, runId, cancellationToken);
                await copy.CompleteAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
    }

    private static async Task UpsertAsync(NpgsqlConnection connection, Guid runId,
        IEnumerable<(IncomingCrash Crash, long Hash)> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS vz_crash_stage (LIKE vz_crash INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
            connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY vz_crash_stage ({CrashColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (crash, hash) in rows)
                await WriteRowAsync(copy, crash, hash, runId, cancellationToken);
            await copy.CompleteAsync(cancellationToken);
        }
        var updates = string.Join(", ", CrashColumns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));
        await using (var upsert = new NpgsqlCommand(
            $"INSERT INTO vz_crash ({CrashColumns}) SELECT {CrashColumns} FROM vz_crash_stage " +
            $"ON CONFLICT (collision_id) DO UPDATE SET {updates}, updated_at = now()",
            connection, transaction))
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        // A changed record is attributed afresh at the end of the run.
        await using (var forget = new NpgsqlCommand(
            """
            DELETE FROM vz_crash_attribution
            WHERE collision_id IN (SELECT collision_id FROM vz_crash_stage)
            """,
            connection, transaction))
            await forget.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteRowAsync(
        NpgsqlBinaryImporter copy, IncomingCrash crash, long hash, Guid runId, CancellationToken ct)
    {
        var r = crash.Record;
        var c = r.Casualties;
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(r.CollisionId, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(r.CrashDate, NpgsqlDbType.Date, ct);
        await copy.WriteAsync(r.MinuteOfDay, NpgsqlDbType.Smallint, ct);
        await WriteTextAsync(copy, r.Borough, ct);
        await WriteTextAsync(copy, r.ZipCode, ct);
        await WriteNullableAsync(copy, r.Latitude, ct);
        await WriteNullableAsync(copy, r.Longitude, ct);
        await WriteTextAsync(copy, r.OnStreet, ct);
        await WriteTextAsync(copy, r.CrossStreet, ct);
        await WriteTextAsync(copy, r.OffStreet, ct);
        foreach (var count in new[] { c.PersonsInjured, c.PersonsKilled, c.PedestriansInjured, c.PedestriansKilled,
                     c.CyclistsInjured, c.CyclistsKilled, c.MotoristsInjured, c.MotoristsKilled })
            await copy.WriteAsync(count, NpgsqlDbType.Smallint, ct);
        await WriteTextAsync(copy, r.Factors, ct);
        await WriteTextAsync(copy, r.Vehicles, ct);
        await WriteTextAsync(copy, crash.IntersectionId, ct);
        await copy.WriteAsync(hash, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(runId, NpgsqlDbType.Uuid, ct);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(StorageText.Safe(value)!, NpgsqlDbType.Text, ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, double? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Double, ct) : copy.WriteNullAsync(ct);

    public async Task QuarantineAsync(
        Guid runId, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY vz_quarantine (run_id, line_number, reason, detail, raw_row)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(runId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(row.LineNumber, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(StorageText.Safe(row.Reason)!, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(StorageText.Safe(row.Detail)!, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(StorageText.Safe(row.RawRow)!, NpgsqlDbType.Text, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public async Task AttributeAsync(
        IReadOnlyList<(long CollisionId, string IntersectionId)> attributions,
        CancellationToken cancellationToken = default)
    {
        if (attributions.Count == 0)
            return;
        await using var command = dataSource.CreateCommand(
            "INSERT INTO vz_crash_attribution (collision_id, intersection_id) " +
            "SELECT * FROM unnest($1::bigint[], $2::text[]) " +
            "ON CONFLICT (collision_id) DO UPDATE SET intersection_id = excluded.intersection_id");
        command.Parameters.AddWithValue(attributions.Select(a => a.CollisionId).ToArray());
        command.Parameters.AddWithValue(attributions.Select(a => a.IntersectionId).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AbandonRunAsync(
        Guid runId, string reason, IngestSummary? partial, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE vz_ingest_run SET status = 'abandoned', completed_at = now(), summary = $2
            WHERE run_id = $1 AND status = 'running'
            """);
        command.Parameters.AddWithValue(runId);
        var summary = JsonSerializer.Serialize(new { abandoned = StorageText.Safe(reason), counted = partial });
        command.Parameters.Add(new NpgsqlParameter { Value = summary, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<CrashRecord> ReadAbandonedAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {string.Join(", ", CrashColumns.Split(", ").Take(20))} FROM vz_crash " +
            "WHERE run_id IN (SELECT run_id FROM vz_ingest_run WHERE status = 'abandoned') ORDER BY collision_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            double? Number(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
            yield return new CrashRecord(
                reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt16(2), Text(3), Text(4),
                Number(5), Number(6), Text(7), Text(8), Text(9),
                new Casualties(reader.GetInt16(10), reader.GetInt16(11), reader.GetInt16(12), reader.GetInt16(13),
                    reader.GetInt16(14), reader.GetInt16(15), reader.GetInt16(16), reader.GetInt16(17)),
                Text(18), Text(19));
        }
    }

    public async Task<ImmutableArray<(Guid RunId, string? Silo)>> RunningRunsAsync(
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT run_id, silo FROM vz_ingest_run
            WHERE status = 'running' ORDER BY started_at
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = ImmutableArray.CreateBuilder<(Guid, string?)>();
        while (await reader.ReadAsync(cancellationToken))
            runs.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return runs.ToImmutable();
    }

    public async Task CompleteRunAsync(Guid runId, IngestSummary summary, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE vz_ingest_run SET status = 'completed', completed_at = now(), summary = $2 WHERE run_id = $1");
        command.Parameters.AddWithValue(runId);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(summary),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
