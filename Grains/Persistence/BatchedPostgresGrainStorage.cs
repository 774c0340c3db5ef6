using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace VisionZero.Grains.Persistence;

/// <summary>
/// Grain storage for the 150,000 intersection grains. Orleans' ADO.NET provider makes one round trip
/// per grain (docs/benchmarks.md), so an ingest that touches every corner would
/// spend minutes on storage; this provider batches concurrent reads and writes (PostgresStateBatcher)
/// with the same optimistic-concurrency contract: a stale ETag fails the write.
/// State is Orleans-serialized ([Id]-tolerant), in vz_grain_state.
/// </summary>
public sealed class BatchedPostgresGrainStorage(NpgsqlDataSource dataSource, Serializer serializer, string serviceId)
    : IGrainStorage, IAsyncDisposable
{
    private readonly PostgresStateBatcher _batcher = new(dataSource, serviceId);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new StateRead(stateName, grainId.ToString());
        _batcher.Enqueue(read);
        var (version, payload) = await read.Result.Task;
        if (payload is null)
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }
        grainState.State = serializer.Deserialize<T>(payload);
        grainState.ETag = version.ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = int.TryParse(grainState.ETag, out var v) ? v : 0;
        var write = new StateWrite(
            stateName, grainId.ToString(), expected, serializer.SerializeToArray(grainState.State));
        _batcher.Enqueue(write);
        var version = await write.Result.Task
            ?? throw new InconsistentStateException(
                $"stale state for {grainId} ({stateName}): expected version {expected}",
                storedEtag: "unknown",
                currentEtag: grainState.ETag ?? "none");
        grainState.ETag = version.ToString();
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM vz_grain_state WHERE service_id = $1 AND state_name = $2 AND grain_key = $3");
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(stateName);
        command.Parameters.AddWithValue(grainId.ToString());
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
