using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Grains.Risk.Live;

/// <summary>
/// The prediction log in PostgreSQL (vz_prediction_log): a batch is one insert of arrays, a prediction already kept
/// for the same version, corner and day is skipped by the unique key; pruning drops the lowest ids.
/// </summary>
public sealed class PostgresPredictionLogStore(NpgsqlDataSource dataSource) : IPredictionLogStore
{
    public async Task AddAsync(
        IReadOnlyCollection<PredictionRecord> predictions, CancellationToken cancellationToken = default)
    {
        if (predictions.Count == 0)
            return;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO vz_prediction_log (version, intersection_id, as_of, score, risk_class, logged_at)
            SELECT * FROM unnest($1::integer[], $2::text[], $3::date[], $4::double precision[], $5::smallint[],
                                 $6::timestamptz[])
            ON CONFLICT (version, intersection_id, as_of) DO NOTHING
            """);
        command.Parameters.AddWithValue(predictions.Select(p => p.Version).ToArray());
        command.Parameters.AddWithValue(predictions.Select(p => p.IntersectionId.Replace("\0", "")).ToArray());
        command.Parameters.AddWithValue(predictions.Select(p => p.AsOf).ToArray());
        command.Parameters.AddWithValue(predictions.Select(p => p.Score).ToArray());
        command.Parameters.AddWithValue(predictions.Select(p => (short)p.Class).ToArray());
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = predictions.Select(p => p.LoggedAt.ToUniversalTime()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(int Logged, ImmutableArray<PredictionRecord> Matured)> ReadAsync(
        int version, DateOnly maturedBy, int limit, CancellationToken cancellationToken = default)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM vz_prediction_log WHERE version = $1");
        count.Parameters.AddWithValue(version);
        var logged = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        await using var command = dataSource.CreateCommand("""
            SELECT intersection_id, as_of, score, risk_class, logged_at FROM vz_prediction_log
            WHERE version = $1 AND as_of <= $2 ORDER BY as_of DESC, intersection_id LIMIT $3
            """);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(maturedBy);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var matured = ImmutableArray.CreateBuilder<PredictionRecord>();
        while (await reader.ReadAsync(cancellationToken))
            matured.Add(new PredictionRecord(version, reader.GetString(0), reader.GetFieldValue<DateOnly>(1),
                reader.GetDouble(2), (RiskClass)reader.GetInt16(3), reader.GetFieldValue<DateTimeOffset>(4)));
        return (logged, matured.ToImmutable());
    }

    public async Task<long> PruneAsync(int maxRows, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM vz_prediction_log
            WHERE id <= (SELECT id FROM vz_prediction_log ORDER BY id DESC OFFSET $1 LIMIT 1)
            """);
        command.Parameters.AddWithValue(maxRows);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
