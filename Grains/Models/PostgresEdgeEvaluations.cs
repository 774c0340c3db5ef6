using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// The edge devices' reports on model versions in PostgreSQL (vz_model_edge_evaluation): one row per version,
/// device and cutoff, the report itself as jsonb. A report on a version that is not registered is refused by
/// the table's foreign key and said as <see cref="KeyNotFoundException"/>, as the embedded store says it.
/// </summary>
internal sealed class PostgresEdgeEvaluations(NpgsqlDataSource dataSource)
{
    public async Task AddAsync(EdgeEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        var stored = ModelText.Storable(evaluation);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO vz_model_edge_evaluation (version, device_id, cutoff, evaluated_at, report)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (version, device_id, cutoff)
            DO UPDATE SET evaluated_at = excluded.evaluated_at, report = excluded.report
            """);
        command.Parameters.AddWithValue(stored.Version);
        command.Parameters.AddWithValue(stored.DeviceId);
        command.Parameters.AddWithValue(stored.Cutoff);
        command.Parameters.AddWithValue(stored.EvaluatedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = ModelJson.Serialize(stored),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new KeyNotFoundException(ModelText.UnknownVersion(stored.Version));
        }
    }

    public async Task<ImmutableArray<EdgeEvaluation>> ListAsync(
        int version, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT report::text FROM vz_model_edge_evaluation
            WHERE version = $1
            ORDER BY evaluated_at DESC, device_id COLLATE "C", cutoff DESC
            """);
        command.Parameters.AddWithValue(version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var evaluations = ImmutableArray.CreateBuilder<EdgeEvaluation>();
        while (await reader.ReadAsync(cancellationToken))
            evaluations.Add(ModelJson.DeserializeEvaluation(reader.GetString(0)));
        return evaluations.ToImmutable();
    }
}
