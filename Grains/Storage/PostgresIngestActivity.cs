using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>The data dashboard's reads of vz_ingest_run, vz_quarantine and vz_crash: three queries on one connection.
/// </summary>
public sealed class PostgresIngestActivity(NpgsqlDataSource dataSource) : IIngestActivity
{
    public async Task<IngestActivity> ReadAsync(
        DateTimeOffset since, int quarantined, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return new IngestActivity(
            await RunsAsync(connection, since, cancellationToken),
            await QuarantinedAsync(connection, quarantined, cancellationToken),
            await CountAsync(connection, cancellationToken));
    }

    private static async Task<ImmutableArray<IngestRunRow>> RunsAsync(
        NpgsqlConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT run_id, source, status, replay, started_at, completed_at, summary::text FROM vz_ingest_run " +
            $"WHERE started_at >= $1 ORDER BY started_at DESC LIMIT {IngestActivity.MaxRuns}",
            connection);
        command.Parameters.AddWithValue(since.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = ImmutableArray.CreateBuilder<IngestRunRow>();
        while (await reader.ReadAsync(cancellationToken))
            runs.Add(new IngestRunRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetBoolean(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : SummaryOf(reader.GetString(6))));
        return runs.ToImmutable();
    }

    /// <summary>A completed run stores its summary; an abandoned one what it had counted, under "counted".</summary>
    private static IngestSummary? SummaryOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("counted", out var counted))
            return counted.ValueKind == JsonValueKind.Object ? counted.Deserialize<IngestSummary>() : null;
        return root.Deserialize<IngestSummary>();
    }

    private static async Task<ImmutableArray<QuarantinedRow>> QuarantinedAsync(
        NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT run_id, line_number, reason, left(detail, $2), left(raw_row, $2), received_at FROM vz_quarantine " +
            "ORDER BY quarantine_id DESC LIMIT $1",
            connection);
        command.Parameters.AddWithValue(Math.Max(0, count));
        command.Parameters.AddWithValue(QuarantinedRow.MaxText);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = ImmutableArray.CreateBuilder<QuarantinedRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new QuarantinedRow(
                reader.GetGuid(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        return rows.ToImmutable();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM vz_crash", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
