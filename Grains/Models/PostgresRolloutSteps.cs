using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// The rollout pipeline's steps in PostgreSQL (vz_model_rollout_step): appended, never replaced, the step itself
/// as jsonb. A step of a version that is not registered is refused by the foreign key and said as
/// <see cref="KeyNotFoundException"/>, as the embedded store says it.
/// </summary>
internal sealed class PostgresRolloutSteps(NpgsqlDataSource dataSource)
{
    public async Task AddAsync(RolloutStep step, CancellationToken cancellationToken = default)
    {
        var stored = ModelText.Storable(step);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO vz_model_rollout_step (version, step, verdict, decided_at, detail)
            VALUES ($1, $2, $3, $4, $5)
            """);
        command.Parameters.AddWithValue(stored.Version);
        command.Parameters.AddWithValue(stored.Step);
        command.Parameters.AddWithValue(stored.Verdict);
        command.Parameters.AddWithValue(stored.At);
        command.Parameters.Add(
            new NpgsqlParameter { Value = ModelJson.Serialize(stored), NpgsqlDbType = NpgsqlDbType.Jsonb });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new KeyNotFoundException(ModelText.UnknownVersion(stored.Version));
        }
    }

    public async Task<ImmutableArray<RolloutStep>> ListAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT detail::text FROM vz_model_rollout_step WHERE version = $1 ORDER BY id");
        command.Parameters.AddWithValue(version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var steps = ImmutableArray.CreateBuilder<RolloutStep>();
        while (await reader.ReadAsync(cancellationToken))
            steps.Add(ModelJson.DeserializeRolloutStep(reader.GetString(0)));
        return steps.ToImmutable();
    }
}
