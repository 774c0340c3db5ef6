using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using VisionZero.CrashData;
using VisionZero.Edge.Area;
using VisionZero.Grid;

namespace VisionZero.Edge.Store;

public sealed partial class EdgeStore
{
    /// <summary>
    /// Writes corners whose crashes changed, by collision id: crashes gone from a corner are deleted, new or
    /// changed ones written, unchanged ones left alone. One transaction: a crash mid-write leaves the old copy.
    /// </summary>
    public void SaveCorners(IReadOnlyCollection<CornerCopy> corners)
    {
        using var transaction = _connection.BeginTransaction();
        using var corner = Command(transaction, "INSERT OR REPLACE INTO corner " +
            "(id, name, borough, latitude, longitude, digest) VALUES ($id, $name, $borough, $lat, $lon, $digest)",
            "$id", "$name", "$borough", "$lat", "$lon", "$digest");
        using var known = Command(transaction, "SELECT collision_id FROM crash WHERE corner_id = $id", "$id");
        using var remove = Command(transaction,
            "DELETE FROM crash WHERE corner_id = $id AND collision_id = $collision", "$id", "$collision");
        using var upsert = Command(transaction, "INSERT OR REPLACE INTO crash " +
            "(corner_id, collision_id, day, casualties, latitude, longitude) " +
            "VALUES ($id, $collision, $day, $c, $lat, $lon)",
            "$id", "$collision", "$day", "$c", "$lat", "$lon");
        foreach (var copy in corners)
        {
            Run(corner, copy.Id, copy.Name, copy.Borough, copy.Latitude, copy.Longitude, copy.Digest);
            var stored = new HashSet<long>();
            known.Parameters["$id"].Value = copy.Id;
            using (var reader = known.ExecuteReader())
                while (reader.Read())
                    stored.Add(reader.GetInt64(0));
            foreach (var crash in copy.History.Crashes)
            {
                stored.Remove(crash.CollisionId);
                Run(upsert, copy.Id, crash.CollisionId, crash.Day, Pack(crash.Casualties),
                    Nullable(crash.Latitude), Nullable(crash.Longitude));
            }
            foreach (var gone in stored)
                Run(remove, copy.Id, gone);
        }
        transaction.Commit();
    }

    /// <summary>Forgets corners that left the area.</summary>
    public void DeleteCorners(IEnumerable<string> ids)
    {
        using var transaction = _connection.BeginTransaction();
        using var corner = Command(transaction, "DELETE FROM corner WHERE id = $id", "$id");
        using var crashes = Command(transaction, "DELETE FROM crash WHERE corner_id = $id", "$id");
        foreach (var id in ids)
        {
            Run(corner, id);
            Run(crashes, id);
        }
        transaction.Commit();
    }

    public List<CornerCopy> LoadCorners()
    {
        var crashes = new Dictionary<string, List<CrashEntry>>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT corner_id, collision_id, day, casualties, latitude, longitude FROM crash";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!crashes.TryGetValue(id, out var list))
                    crashes[id] = list = [];
                list.Add(new CrashEntry(reader.GetInt64(1), reader.GetInt32(2), Unpack((byte[])reader.GetValue(3)),
                    reader.IsDBNull(4) ? float.NaN : reader.GetFloat(4),
                    reader.IsDBNull(5) ? float.NaN : reader.GetFloat(5)));
            }
        }
        var corners = new List<CornerCopy>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, name, borough, latitude, longitude, digest FROM corner";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                corners.Add(new CornerCopy(id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    reader.GetString(5), new CrashHistory(crashes.GetValueOrDefault(id))));
            }
        }
        return corners;
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static object? Nullable(float value) => float.IsNaN(value) ? null : value;

    private static byte[] Pack(Casualties c)
    {
        var bytes = new byte[16];
        short[] counts = [c.PersonsInjured, c.PersonsKilled, c.PedestriansInjured, c.PedestriansKilled,
            c.CyclistsInjured, c.CyclistsKilled, c.MotoristsInjured, c.MotoristsKilled];
        for (var i = 0; i < counts.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), counts[i]);
        return bytes;
    }

    private static Casualties Unpack(byte[] bytes)
    {
        if (bytes.Length != 16)
            throw new InvalidDataException($"a stored crash's casualties take {bytes.Length} bytes, not 16");
        short At(int i) => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        return new Casualties(At(0), At(1), At(2), At(3), At(4), At(5), At(6), At(7));
    }
}
