using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grid;

namespace VisionZero.Grains.Query;

/// <summary>
/// This silo's copy of answers it has already fetched: corner snapshots by (id, day) and cell members,
/// valid for one grid generation and one set of model versions (production and canary). A phone's area query
/// then costs the clock and nothing else; an ingest or a new model version starts it empty.
/// </summary>
public sealed class SnapshotCache(ServingModels? production = null)
{
    /// <summary>All of New York's corners for a few as-of days; past that it starts over rather than grow.</summary>
    public const int MaxEntries = 400_000;

    private volatile Bucket _bucket = new(0, -1, -1, _ => -1);
    private Bucket _stagingBucket = new(0, -1, -1, _ => -1);
    private Bucket _productionBucket = new(0, -1, -1, _ => -1);

    public Bucket For(long generation)
    {
        if (StagingRequest.Active)
            return Apart(ref _stagingBucket, generation, production?.Staging?.Version ?? 0);
        if (StagingRequest.ProductionOnly)
            return Apart(ref _productionBucket, generation, production?.Current?.Version ?? 0);
        var version = production?.Current?.Version ?? 0;
        var canary = production?.Canary?.Version ?? 0;
        var bucket = _bucket;
        if (bucket.Generation == generation
            && bucket.ModelVersion == version
            && bucket.CanaryVersion == canary
            && bucket.Count < MaxEntries)
            return bucket;
        var fresh = new Bucket(generation, version, canary, id => production?.VersionFor(id) ?? 0);
        _bucket = fresh;
        return fresh;
    }

    /// <summary>
    /// The answers of one version alone, kept apart: the staging load test's come from another version and must
    /// never be served to anyone else, and the rollout's production-only answers must not be the canary's.
    /// </summary>
    private static Bucket Apart(ref Bucket slot, long generation, int version)
    {
        var bucket = Volatile.Read(ref slot);
        if (bucket.Generation == generation && bucket.ModelVersion == version && bucket.Count < MaxEntries)
            return bucket;
        var fresh = new Bucket(generation, version, 0, _ => version);
        Volatile.Write(ref slot, fresh);
        return fresh;
    }

    /// <summary>Entries fetched under one stamp. A request holding an old bucket only ever writes into it.</summary>
    public sealed class Bucket(long generation, int modelVersion, int canaryVersion, Func<string, int> expectedVersion)
    {
        private readonly ConcurrentDictionary<(string Id, int Day), IntersectionSnapshot?> _snapshots = new();
        private readonly ConcurrentDictionary<string, ImmutableArray<IntersectionPlacement>> _cells =
            new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<int, Lazy<Task<Ranking>>> _rankings = new();

        public long Generation { get; } = generation;

        public int ModelVersion { get; } = modelVersion;

        public int CanaryVersion { get; } = canaryVersion;

        private bool Current(string id, IntersectionSnapshot? snapshot) =>
            snapshot is null || (snapshot.Risk?.ModelVersion ?? 0) == expectedVersion(id);

        public int Count => _snapshots.Count + _cells.Count;

        public bool TryGet(string id, DateOnly day, out IntersectionSnapshot? snapshot) =>
            _snapshots.TryGetValue((id, day.DayNumber), out snapshot);

        public void Add(string id, DateOnly day, IntersectionSnapshot? snapshot)
        {
            // A corner on a silo that has not swapped to this version yet answers with the old one: not kept.
            if (Current(id, snapshot))
                _snapshots[(id, day.DayNumber)] = snapshot;
        }

        /// <summary>
        /// Every corner ranked as of the day, computed once for all the queries that ask at the same
        /// time; not kept if it failed or any corner answered with another model version (a swap in progress).
        /// Whether it is current is decided once, when it is computed, not by every query that reads it.
        /// With a borough (any case), that borough's part, split from the ranking once rather than per query.
        /// </summary>
        public async Task<ImmutableArray<IntersectionSnapshot>> RankingAsync(
            DateOnly day, Func<Task<ImmutableArray<IntersectionSnapshot>>> rank, string? borough = null)
        {
            var entry = _rankings.GetOrAdd(day.DayNumber, _ => new Lazy<Task<Ranking>>(async () =>
            {
                var corners = await rank();
                return new Ranking(corners, corners.All(s => Current(s.Id, s)));
            }));
            Ranking ranking;
            try
            {
                ranking = await entry.Value;
            }
            catch
            {
                _rankings.TryRemove(KeyValuePair.Create(day.DayNumber, entry));
                throw;
            }
            if (!ranking.Current)
                _rankings.TryRemove(KeyValuePair.Create(day.DayNumber, entry));
            return borough is null ? ranking.Intersections : ranking.In(borough);
        }

        /// <summary>Whether the day's ranking is kept (computed, or being computed).</summary>
        public bool HasRanking(DateOnly day) => _rankings.ContainsKey(day.DayNumber);

        public bool TryGetCell(string key, out ImmutableArray<IntersectionPlacement> members) =>
            _cells.TryGetValue(key, out members);

        public void AddCell(string key, ImmutableArray<IntersectionPlacement> members) => _cells[key] = members;

        /// <summary>The ranking and its boroughs' parts, split with it where it is warmed, not in a query.</summary>
        private sealed class Ranking(ImmutableArray<IntersectionSnapshot> intersections, bool current)
        {
            private readonly FrozenDictionary<string, ImmutableArray<IntersectionSnapshot>> _byBorough = intersections
                .Where(s => s.Borough is not null)
                .GroupBy(s => s.Borough!, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.OrdinalIgnoreCase);

            public ImmutableArray<IntersectionSnapshot> Intersections { get; } = intersections;

            public bool Current { get; } = current;

            public ImmutableArray<IntersectionSnapshot> In(string borough) =>
                _byBorough.TryGetValue(borough, out var ranked) ? ranked : [];
        }
    }
}
