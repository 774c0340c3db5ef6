using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace VisionZero.Grains.Persistence;

/// <summary>
/// The embedded default's storage: a dictionary in the (single) silo, with the same serialize-on-write
/// and ETag semantics as PostgreSQL, and none of the per-write grain hops of Orleans' memory provider.
/// </summary>
public sealed class InProcessGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (int Version, byte[] Payload)> _states = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Payload);
            grainState.ETag = stored.Version.ToString();
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = int.TryParse(grainState.ETag, out var v) ? v : 0;
        var payload = serializer.SerializeToArray(grainState.State);
        var key = (stateName, grainId);
        var next = _states.AddOrUpdate(key,
            _ => expected == 0 ? (1, payload) : throw Stale(grainId, expected),
            (_, current) => current.Version == expected ? (expected + 1, payload) : throw Stale(grainId, expected));
        grainState.ETag = next.Version.ToString();
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _states.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static InconsistentStateException Stale(GrainId grainId, int expected) =>
        new($"stale state for {grainId}: expected version {expected}", "unknown", expected.ToString());
}
