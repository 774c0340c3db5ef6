using Npgsql;

namespace VisionZero.Grains.Storage;

/// <summary>
/// Applies the project's own schema (Orleans' clustering, storage and reminder tables, then the grid's
/// tables) at start-up. Each script is idempotent and runs in its own transaction under an advisory
/// lock (inside the script), so silos starting together do not race.
/// </summary>
public static class PostgresSchema
{
    public static readonly string[] Scripts = ["orleans-postgres.sql", "grid-postgres.sql"];

    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var script in Scripts)
        {
            await using var command = new NpgsqlCommand(Read(script), connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static string Read(string script)
    {
        var assembly = typeof(PostgresSchema).Assembly;
        using var stream = assembly.GetManifestResourceStream("Sql." + script)
            ?? throw new InvalidOperationException(
                $"schema script {script} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
