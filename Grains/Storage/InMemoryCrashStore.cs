using System.Collections.Immutable;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>The embedded default's store: the same contract as PostgreSQL, kept in this process.</summary>
public sealed class InMemoryCrashStore : ICrashStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (long Hash, string? IntersectionId)> _crashes = [];
    private readonly List<(Guid RunId, RejectedRow Row)> _quarantine = [];
    private readonly Dictionary<Guid, (string Source, IngestSummary? Summary)> _runs = [];

    public Task StartRunAsync(Guid runId, string source, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            _runs[runId] = (source, null);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<StoreOutcome>> UpsertAsync(
        Guid runId, IReadOnlyList<IncomingCrash> crashes, CancellationToken cancellationToken = default)
    {
        var outcomes = ImmutableArray.CreateBuilder<StoreOutcome>(crashes.Count);
        lock (_lock)
        {
            foreach (var crash in crashes)
            {
                var hash = CrashContentHash.Of(crash.Record);
                var id = crash.Record.CollisionId;
                if (_crashes.TryGetValue(id, out var existing))
                {
                    if (existing.Hash == hash)
                    {
                        outcomes.Add(new StoreOutcome(StoreOutcomeKind.Duplicate, null));
                        continue;
                    }
                    outcomes.Add(new StoreOutcome(StoreOutcomeKind.Replaced, existing.IntersectionId));
                }
                else
                {
                    outcomes.Add(new StoreOutcome(StoreOutcomeKind.New, null));
                }
                _crashes[id] = (hash, crash.IntersectionId);
            }
        }
        return Task.FromResult(outcomes.MoveToImmutable());
    }

    public Task QuarantineAsync(Guid runId, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            _quarantine.AddRange(rows.Select(r => (runId, r)));
        return Task.CompletedTask;
    }

    public Task AttributeAsync(IReadOnlyList<(long CollisionId, string IntersectionId)> attributions, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var (id, intersectionId) in attributions)
            {
                if (_crashes.TryGetValue(id, out var existing))
                    _crashes[id] = (existing.Hash, intersectionId);
            }
        }
        return Task.CompletedTask;
    }

    public Task CompleteRunAsync(Guid runId, IngestSummary summary, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            _runs[runId] = (summary.Source, summary);
        return Task.CompletedTask;
    }
}
