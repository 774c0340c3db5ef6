using Microsoft.Data.Sqlite;
using VisionZero.Models;

namespace VisionZero.Edge.Store;

/// <summary>
/// The edge's disk (one SQLite file): the model versions it holds, its area's corners and their crashes, what it
/// last heard from the grid, its offline evaluations until the registry has them, and the log of answered fixes
/// waiting for upload (EdgeStore.Uplink.cs). A file that fails SQLite's integrity check is moved aside and started
/// again empty, so the edge fetches everything anew instead of answering from damage.
/// </summary>
public sealed partial class EdgeStore : IDisposable
{
    private readonly SqliteConnection _connection;

    private EdgeStore(SqliteConnection connection, SqliteConnection uplink, string? damage)
    {
        _connection = connection;
        _uplink = uplink;
        Damage = damage;
    }

    /// <summary>What was found wrong with the file at open (and set aside), or null.</summary>
    public string? Damage { get; private set; }

    public static EdgeStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var damage = Check(path);
        if (damage is not null)
        {
            var aside = $"{path}.damaged-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(path, aside, overwrite: true);
            damage = $"{damage}; the file was moved to {aside} and the edge syncs again";
        }
        var connection = Connect(path);
        Execute(connection, Schema);
        AddMissingColumns(connection);
        return new EdgeStore(connection, Connect(path), damage);
    }

    /// <summary>Marks damage found later (a stored model whose bytes no longer match their sha256).</summary>
    public void ReportDamage(string what) => Damage = what;

    private static string? Check(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var connection = Connect(path);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var answer = command.ExecuteScalar() as string;
            return answer == "ok" ? null : $"the store {path} failed SQLite's integrity check ({answer})";
        }
        catch (SqliteException e)
        {
            return $"the store {path} is not a readable SQLite database ({e.Message})";
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
        }.ToString());
        connection.Open();
        // WAL: a power cut mid-write loses at most the write in flight, never the file.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS model (
            version INTEGER PRIMARY KEY, info TEXT NOT NULL, sha256 TEXT NOT NULL, artifact BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS corner (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, borough TEXT, latitude REAL, longitude REAL,
            digest TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS crash (
            corner_id TEXT NOT NULL, collision_id INTEGER NOT NULL, day INTEGER NOT NULL,
            casualties BLOB NOT NULL, latitude REAL, longitude REAL,
            PRIMARY KEY (corner_id, collision_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS evaluation (
            version INTEGER NOT NULL, cutoff TEXT NOT NULL, report TEXT NOT NULL, uploaded INTEGER NOT NULL,
            PRIMARY KEY (version, cutoff));
        CREATE TABLE IF NOT EXISTS uplink (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, latitude REAL NOT NULL,
            longitude REAL NOT NULL, speed REAL, course REAL, model_version INTEGER, as_of INTEGER,
            highest_class INTEGER, expected_crashes REAL NOT NULL, nearest_corner_id TEXT, stale INTEGER NOT NULL,
            nearest_score REAL, nearest_class INTEGER);
        """;

    /// <summary>
    /// Columns added after a store's table was first made: a device updated in the field keeps its file and its
    /// unsent log, and the new columns read as null for entries logged before.
    /// </summary>
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
        [("uplink", "nearest_score", "REAL"), ("uplink", "nearest_class", "INTEGER")];

    private static void AddMissingColumns(SqliteConnection connection)
    {
        foreach (var (table, column, type) in AddedColumns)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if ((long)command.ExecuteScalar()! == 0)
                Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    public string? GetMeta(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $value) " +
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    public void SaveModel(ModelVersionInfo info, byte[] artifact)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO model (version, info, sha256, artifact) " +
            "VALUES ($version, $info, $sha, $artifact)";
        command.Parameters.AddWithValue("$version", info.Version);
        command.Parameters.AddWithValue("$info", ModelInfoJson.Serialize(info));
        command.Parameters.AddWithValue("$sha", info.Sha256);
        command.Parameters.AddWithValue("$artifact", artifact);
        command.ExecuteNonQuery();
    }

    /// <summary>The stored version, or null when the edge holds none.</summary>
    public (ModelVersionInfo Info, byte[] Artifact)? LoadModel(int version)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT info, artifact FROM model WHERE version = $version";
        command.Parameters.AddWithValue("$version", version);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        // Bytes that are not a blob any more are damage: they fail the sha256 check like any other.
        return (ModelInfoJson.Deserialize(reader.GetString(0)), reader.GetValue(1) as byte[] ?? []);
    }

    public void DeleteModel(int version)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM model WHERE version = $version";
        command.Parameters.AddWithValue("$version", version);
        command.ExecuteNonQuery();
    }

    /// <summary>Keeps the newest <paramref name="keep"/> versions: a Pi's SD card is small.</summary>
    public void PruneModels(int keep)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM model WHERE version NOT IN " +
            "(SELECT version FROM model ORDER BY version DESC LIMIT $keep)";
        command.Parameters.AddWithValue("$keep", keep);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _uplink.Dispose();
        _connection.Dispose();
    }
}
