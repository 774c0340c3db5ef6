using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Grains.Risk.Live;

/// <summary>The embedded default's prediction log: by (version, corner, day), the oldest pruned first.</summary>
public sealed class InMemoryPredictionLogStore : IPredictionLogStore
{
    private readonly object _lock = new();
    private readonly Dictionary<(int, string, DateOnly), (long Order, PredictionRecord Record)> _kept = [];
    private long _order;

    public Task AddAsync(
        IReadOnlyCollection<PredictionRecord> predictions, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            foreach (var p in predictions)
                _kept.TryAdd((p.Version, p.IntersectionId, p.AsOf), (_order++, p));
        return Task.CompletedTask;
    }

    public Task<(int Logged, ImmutableArray<PredictionRecord> Matured)> ReadAsync(
        int version, DateOnly maturedBy, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var mine = _kept.Values.Select(v => v.Record).Where(r => r.Version == version).ToList();
            return Task.FromResult((mine.Count, mine.Where(r => r.AsOf <= maturedBy)
                .OrderByDescending(r => r.AsOf).ThenBy(r => r.IntersectionId, StringComparer.Ordinal)
                .Take(limit).ToImmutableArray()));
        }
    }

    public Task<long> PruneAsync(int maxRows, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var over = _kept.Count - maxRows;
            if (over <= 0)
                return Task.FromResult(0L);
            foreach (var key in _kept.OrderBy(k => k.Value.Order).Take(over).Select(k => k.Key).ToList())
                _kept.Remove(key);
            return Task.FromResult((long)over);
        }
    }
}
