using System.Collections.Immutable;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// Model versions in PostgreSQL (vz_model_version, vz_model_stage_change in deploy/sql/grid-postgres.sql), and
/// the edge devices' reports on them (vz_model_edge_evaluation).
/// Every write takes one advisory lock for its transaction, so two silos that both believe they host
/// the registry still number versions and move production one at a time.
/// </summary>
public sealed class PostgresModelRegistryStore(NpgsqlDataSource dataSource) : IModelRegistryStore
{
    // The schema script holds (5659, 2); the registry's writers queue on (5659, 3).
    private const string Lock = "SELECT pg_advisory_xact_lock(5659, 3)";
    private const string InfoColumns = "version, stage, created_at, sha256, size_bytes, details::text";

    public async Task<ModelVersionInfo> AddAsync(ModelDraft details, byte[] artifact, string by, string why,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(artifact);
        var json = ModelJson.Serialize(details);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(artifact));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, Lock, cancellationToken);
        ModelVersionInfo info;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO vz_model_version (version, stage, sha256, size_bytes, details, artifact) " +
            "SELECT coalesce(max(version), 0) + 1, 'candidate', $1, $2, $3, $4 FROM vz_model_version " +
            $"RETURNING {InfoColumns}", connection, transaction))
        {
            insert.Parameters.AddWithValue(sha256);
            insert.Parameters.AddWithValue(artifact.LongLength);
            insert.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = artifact, NpgsqlDbType = NpgsqlDbType.Bytea });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            info = ReadInfo(reader);
        }
        await LogAsync(connection, transaction, info.Version, null, ModelStage.Candidate, ModelText.Clean(by),
            ModelText.Clean(why), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return info;
    }

    public async Task<ImmutableArray<ModelVersionInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {InfoColumns} FROM vz_model_version
            ORDER BY version DESC
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = ImmutableArray.CreateBuilder<ModelVersionInfo>();
        while (await reader.ReadAsync(cancellationToken))
            versions.Add(ReadInfo(reader));
        return versions.ToImmutable();
    }

    public async Task<ModelVersionInfo?> GetAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {InfoColumns} FROM vz_model_version
            WHERE version = $1
            """);
        command.Parameters.AddWithValue(version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadInfo(reader) : null;
    }

    public async Task<byte[]?> GetArtifactAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT artifact FROM vz_model_version WHERE version = $1");
        command.Parameters.AddWithValue(version);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<ImmutableArray<StageChange>> HistoryAsync(
        int? version = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, from_stage, to_stage, changed_by, changed_at, why FROM vz_model_stage_change " +
            (version is null ? "" : "WHERE version = $1 ") + "ORDER BY id");
        if (version is { } v)
            command.Parameters.AddWithValue(v);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = ImmutableArray.CreateBuilder<StageChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new StageChange(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : Parse(reader.GetString(1)),
                Parse(reader.GetString(2)),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5)));
        }
        return changes.ToImmutable();
    }

    public async Task SetStageAsync(
        int version, ModelStage stage, string by, string why, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(stage))
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a model stage");
        (by, why) = (ModelText.Clean(by), ModelText.Clean(why));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, Lock, cancellationToken);
        ModelStage current;
        await using (var read = new NpgsqlCommand(
            "SELECT stage FROM vz_model_version WHERE version = $1", connection, transaction))
        {
            read.Parameters.AddWithValue(version);
            current = await read.ExecuteScalarAsync(cancellationToken) is string s
                ? Parse(s)
                : throw new KeyNotFoundException(ModelText.UnknownVersion(version));
        }
        if (current == stage)
            return;
        if (stage == ModelStage.Production)
        {
            var replaced = new List<int>();
            await using (var archive = new NpgsqlCommand(
                """
                UPDATE vz_model_version SET stage = 'archived'
                WHERE stage = 'production' AND version <> $1
                RETURNING version
                """,
                connection, transaction))
            {
                archive.Parameters.AddWithValue(version);
                await using var reader = await archive.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    replaced.Add(reader.GetInt32(0));
            }
            foreach (var old in replaced)
            {
                await LogAsync(connection, transaction, old, ModelStage.Production, ModelStage.Archived, by,
                    ModelText.ReplacedBy(version, why), cancellationToken);
            }
        }
        await using (var update = new NpgsqlCommand(
            "UPDATE vz_model_version SET stage = $2 WHERE version = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(version);
            update.Parameters.AddWithValue(Name(stage));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await LogAsync(connection, transaction, version, current, stage, by, why, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task AddEdgeEvaluationAsync(EdgeEvaluation evaluation, CancellationToken cancellationToken = default) =>
        new PostgresEdgeEvaluations(dataSource).AddAsync(evaluation, cancellationToken);

    public Task<ImmutableArray<EdgeEvaluation>> EdgeEvaluationsAsync(
        int version, CancellationToken cancellationToken = default) =>
        new PostgresEdgeEvaluations(dataSource).ListAsync(version, cancellationToken);

    public Task AddRolloutStepAsync(RolloutStep step, CancellationToken cancellationToken = default) =>
        new PostgresRolloutSteps(dataSource).AddAsync(step, cancellationToken);

    public Task<ImmutableArray<RolloutStep>> RolloutStepsAsync(
        int version, CancellationToken cancellationToken = default) =>
        new PostgresRolloutSteps(dataSource).ListAsync(version, cancellationToken);

    private static async Task LogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int version,
        ModelStage? from, ModelStage to, string by, string why, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO vz_model_stage_change (version, from_stage, to_stage, changed_by, why)
            VALUES ($1, $2, $3, $4, $5)
            """,
            connection, transaction);
        command.Parameters.AddWithValue(version);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = from is { } f ? Name(f) : DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Text,
        });
        command.Parameters.AddWithValue(Name(to));
        command.Parameters.AddWithValue(by);
        command.Parameters.AddWithValue(why);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ModelVersionInfo ReadInfo(NpgsqlDataReader reader) => new(
        reader.GetInt32(0), Parse(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
        reader.GetInt64(4), ModelJson.Deserialize(reader.GetString(5)));

    // Stages are stored by lower-case name (the table's CHECK lists them), not by number.
    private static string Name(ModelStage stage) => stage.ToString().ToLowerInvariant();

    private static ModelStage Parse(string name) => Enum.Parse<ModelStage>(name, ignoreCase: true);
}
