using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using VisionZero.Edge.Uplink;
using VisionZero.Uplink;

namespace VisionZero.Edge.Store;

/// <summary>
/// The log of answered fixes on its own connection to the file, so logging a fix never waits for the lock the
/// grid's corner writes hold in memory (SQLite still takes one writer at a time, and waits its turn). Numbers
/// come from AUTOINCREMENT, which never gives a number twice, even after every entry was deleted. Counters are
/// in the meta table, written in the same transaction as the entries they count.
/// </summary>
public sealed partial class EdgeStore
{
    private const string DroppedKey = "uplink_dropped";
    private const string DroppedThroughKey = "uplink_dropped_through";
    private const string ConfirmedKey = "uplink_confirmed";
    private readonly SqliteConnection _uplink;
    private readonly Lock _uplinkGate = new();
    private UplinkState? _uplinkState;

    public UplinkState UplinkState()
    {
        lock (_uplinkGate)
            return _uplinkState ??= LoadUplinkState();
    }

    /// <summary>
    /// Numbers and keeps one entry (its Seq is ignored). A log already holding <paramref name="capacity"/> entries
    /// first drops its oldest, counted, in the same transaction: a power cut never loses the count.
    /// </summary>
    public UplinkState AppendUplink(UplinkEntry entry, int capacity)
    {
        lock (_uplinkGate)
        {
            var state = _uplinkState ??= LoadUplinkState();
            using var transaction = _uplink.BeginTransaction();
            var excess = state.Pending - capacity + 1;
            if (excess > 0)
            {
                var through = (long)Scalar(transaction,
                    "SELECT max(seq) FROM (SELECT seq FROM uplink ORDER BY seq LIMIT $n)", ("$n", excess))!;
                var dropped = Change(transaction, "DELETE FROM uplink WHERE seq <= $through", ("$through", through));
                state = state with
                {
                    Pending = state.Pending - dropped,
                    Dropped = state.Dropped + dropped,
                    DroppedThrough = through,
                };
                WriteMeta(transaction, DroppedKey, state.Dropped);
                WriteMeta(transaction, DroppedThroughKey, through);
            }
            var seq = (long)Scalar(transaction,
                $"INSERT INTO uplink ({UplinkRows.Columns}) VALUES ({UplinkRows.Placeholders}) RETURNING seq",
                UplinkRows.Values(entry))!;
            transaction.Commit();
            return _uplinkState = state with { Pending = state.Pending + 1, LastSeq = seq };
        }
    }

    /// <summary>
    /// The oldest <paramref name="count"/> entries waiting, in sequence order, with the highest number dropped so
    /// far, read together: a drop between the two would make the batch look like a gap.
    /// </summary>
    public UplinkBatch ReadUplink(int count)
    {
        lock (_uplinkGate)
        {
            var state = _uplinkState ??= LoadUplinkState();
            using var command = _uplink.CreateCommand();
            command.CommandText = $"SELECT seq, {UplinkRows.Columns} FROM uplink ORDER BY seq LIMIT $n";
            command.Parameters.AddWithValue("$n", count);
            using var reader = command.ExecuteReader();
            var entries = ImmutableArray.CreateBuilder<UplinkEntry>();
            while (reader.Read())
                entries.Add(UplinkRows.Read(reader));
            return new UplinkBatch(state.DroppedThrough, entries.ToImmutable());
        }
    }

    /// <summary>Deletes the entries the grid confirmed, through <paramref name="through"/>; notes how far.</summary>
    public UplinkState ConfirmUplink(long through)
    {
        lock (_uplinkGate)
        {
            var state = _uplinkState ??= LoadUplinkState();
            using var transaction = _uplink.BeginTransaction();
            var deleted = Change(transaction, "DELETE FROM uplink WHERE seq <= $through", ("$through", through));
            var confirmed = Math.Max(state.Confirmed, through);
            WriteMeta(transaction, ConfirmedKey, confirmed);
            transaction.Commit();
            return _uplinkState = state with { Pending = state.Pending - deleted, Confirmed = confirmed };
        }
    }

    private UplinkState LoadUplinkState()
    {
        using var transaction = _uplink.BeginTransaction(deferred: true);
        long Meta(string key) => Scalar(transaction, "SELECT value FROM meta WHERE key = $key", ("$key", key))
            is string text && long.TryParse(text, out var value) ? value : 0;
        var pending = (long)Scalar(transaction, "SELECT count(*) FROM uplink")!;
        var last = Scalar(transaction, "SELECT seq FROM sqlite_sequence WHERE name = 'uplink'") as long? ?? 0;
        return new UplinkState(pending, last, Meta(ConfirmedKey), Meta(DroppedKey), Meta(DroppedThroughKey));
    }

    private void WriteMeta(SqliteTransaction transaction, string key, long value) => Change(transaction,
        "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ("$key", key), ("$value", value.ToString(CultureInfo.InvariantCulture)));

    private object? Scalar(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] values)
    {
        using var command = UplinkCommand(transaction, sql, values);
        return command.ExecuteScalar();
    }

    private int Change(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] values)
    {
        using var command = UplinkCommand(transaction, sql, values);
        return command.ExecuteNonQuery();
    }

    private SqliteCommand UplinkCommand(
        SqliteTransaction transaction, string sql, (string Name, object? Value)[] values)
    {
        var command = _uplink.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in values)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
