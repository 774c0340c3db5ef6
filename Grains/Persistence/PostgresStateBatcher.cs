using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace VisionZero.Grains.Persistence;

/// <summary>
/// Turns many concurrent single-grain reads and writes into a few set-based statements: whatever is
/// queued when a round trip finishes goes in the next one. Thousands of corners activated and written
/// by one ingest flush cost tens of round trips instead of tens of thousands.
/// </summary>
internal sealed class PostgresStateBatcher : IAsyncDisposable
{
    private const int MaxBatch = 4_096;
    private const int MinBatch = 512;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(3);
    private readonly Channel<StateRequest> _queue = Channel.CreateUnbounded<StateRequest>();
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly Task[] _workers;

    public PostgresStateBatcher(NpgsqlDataSource dataSource, string serviceId, int workers = 2)
    {
        _dataSource = dataSource;
        _serviceId = serviceId;
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(RunAsync))];
    }

    public void Enqueue(StateRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
            request.Fail(new ObjectDisposedException(nameof(PostgresStateBatcher)));
    }

    private async Task RunAsync()
    {
        var batch = new List<StateRequest>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            Drain(batch);
            // A trickle of requests makes tiny batches and a round trip each; a moment's wait lets
            // the grains being activated or applied right now join this one.
            if (batch.Count < MinBatch)
            {
                await Task.Delay(Linger);
                Drain(batch);
            }
            foreach (var group in batch.GroupBy(r => (r.StateName, r is StateWrite)))
            {
                var requests = group.ToList();
                try
                {
                    if (group.Key.Item2)
                        await WriteAsync(group.Key.StateName, requests.Cast<StateWrite>().ToList());
                    else
                        await ReadAsync(group.Key.StateName, requests.Cast<StateRead>().ToList());
                }
                catch (Exception error)
                {
                    requests.ForEach(r => r.Fail(error));
                }
            }
        }
    }

    private void Drain(List<StateRequest> batch)
    {
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var request))
            batch.Add(request);
    }

    private async Task ReadAsync(string stateName, List<StateRead> reads)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT grain_key, version, payload FROM vz_grain_state " +
            "WHERE service_id = $1 AND state_name = $2 AND grain_key = ANY($3)");
        command.Parameters.AddWithValue(_serviceId);
        command.Parameters.AddWithValue(stateName);
        command.Parameters.AddWithValue(reads.Select(r => r.GrainKey).Distinct().ToArray());
        var found = new Dictionary<string, (int, byte[]?)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                found[reader.GetString(0)] = (reader.GetInt32(1), reader.GetFieldValue<byte[]>(2));
        }
        foreach (var read in reads)
            read.Result.TrySetResult(found.GetValueOrDefault(read.GrainKey, (0, null)));
    }

    private async Task WriteAsync(string stateName, List<StateWrite> writes)
    {
        // One statement may touch a row once; a second write to the same grain waits for the next round.
        var distinct = writes.DistinctBy(w => w.GrainKey).ToList();
        foreach (var later in writes.Except(distinct))
            Enqueue(later);
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO vz_grain_state AS s (service_id, state_name, grain_key, version, payload) " +
            "SELECT $1, $2, k, e + 1, p FROM unnest($3::text[], $4::int[], $5::bytea[]) AS u(k, e, p) " +
            "ON CONFLICT (service_id, state_name, grain_key) DO UPDATE " +
            "SET version = excluded.version, payload = excluded.payload, updated_at = now() " +
            "WHERE s.version = excluded.version - 1 RETURNING grain_key, version");
        command.Parameters.AddWithValue(_serviceId);
        command.Parameters.AddWithValue(stateName);
        command.Parameters.AddWithValue(distinct.Select(w => w.GrainKey).ToArray());
        command.Parameters.AddWithValue(distinct.Select(w => w.ExpectedVersion).ToArray());
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = distinct.Select(w => w.Payload).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
        });
        var written = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                written[reader.GetString(0)] = reader.GetInt32(1);
        }
        foreach (var write in distinct)
            write.Result.TrySetResult(written.TryGetValue(write.GrainKey, out var version) ? version : null);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }
}
