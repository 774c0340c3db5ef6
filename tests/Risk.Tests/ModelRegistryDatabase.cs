using Npgsql;
using VisionZero.Grains.Storage;

namespace VisionZero.Risk.Tests;

/// <summary>
/// One database with the project's schema for the PostgreSQL registry tests; each test starts from empty tables.
/// </summary>
public sealed class ModelRegistryDatabase : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await PostgresSchema.EnsureAsync(_database.ConnectionString);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    public Task ClearAsync() => ExecuteAsync(
        "TRUNCATE vz_model_rollout_step, vz_model_edge_evaluation, vz_model_stage_change, vz_model_version " +
        "RESTART IDENTITY");

    public async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
