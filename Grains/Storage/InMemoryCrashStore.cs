using System.Collections.Immutable;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>The embedded default's store: the same contract as PostgreSQL, kept in this process.</summary>
public sealed class InMemoryCrashStore : ICrashStore, IIngestActivity
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, StoredCrash> _crashes = [];
    private readonly HashSet<Guid> _completedRuns = [];
    private readonly HashSet<Guid> _replays = [];
    private readonly List<(Guid RunId, RejectedRow Row, DateTimeOffset ReceivedAt)> _quarantine = [];
    private readonly Dictionary<Guid, (IngestRunRow Row, string Silo)> _runs = [];

    public Task StartRunAsync(
        Guid runId, string source, string silo, bool replay, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _runs.TryAdd(runId, (
                new IngestRunRow(runId, source, "running", replay, DateTimeOffset.UtcNow, null, null), silo));
            if (replay)
                _replays.Add(runId);
        }
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<StoreOutcome>> UpsertAsync(
        Guid runId, IReadOnlyList<IncomingCrash> crashes, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var known = new Dictionary<long, StoredCrash>();
            foreach (var id in crashes.Select(c => c.Record.CollisionId).Distinct())
            {
                if (_crashes.TryGetValue(id, out var stored))
                    known[id] = stored with { RunCompleted = _completedRuns.Contains(stored.RunId) };
            }
            var result = CrashClassifier.Classify(runId, crashes, known);
            foreach (var (crash, hash) in result.Fresh.Concat(result.Changed))
                _crashes[crash.Record.CollisionId] = new StoredCrash(hash, crash.IntersectionId, runId, false);
            return Task.FromResult(result.Outcomes);
        }
    }

    public Task QuarantineAsync(
        Guid runId, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            _quarantine.AddRange(rows.Select(r => (runId, r, DateTimeOffset.UtcNow)));
        return Task.CompletedTask;
    }

    public Task AttributeAsync(
        IReadOnlyList<(long CollisionId, string IntersectionId)> attributions,
        CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var (id, intersectionId) in attributions)
            {
                if (_crashes.TryGetValue(id, out var existing))
                    _crashes[id] = existing with { IntersectionId = intersectionId };
            }
        }
        return Task.CompletedTask;
    }

    public Task AbandonRunAsync(
        Guid runId, string reason, IngestSummary? partial, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_runs.TryGetValue(runId, out var run) && run.Row.Status == "running")
                _runs[runId] = run with { Row = Ended(run.Row, "abandoned", partial) };
        }
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<CrashRecord> ReadAbandonedAsync(CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<CrashRecord>();

    public Task<ImmutableArray<(Guid RunId, string? Silo)>> RunningRunsAsync(
        CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_runs
                .Where(r => r.Value.Row.Status == "running")
                .Select(r => (r.Key, (string?)r.Value.Silo))
                .ToImmutableArray());
    }

    public Task CompleteRunAsync(Guid runId, IngestSummary summary, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _runs[runId] = _runs.TryGetValue(runId, out var run)
                ? run with { Row = Ended(run.Row, "completed", summary) }
                : (Ended(new IngestRunRow(runId, summary.Source, "", false, DateTimeOffset.UtcNow, null, null),
                    "completed", summary), "");
            if (!_replays.Contains(runId))
                _completedRuns.Add(runId);
        }
        return Task.CompletedTask;
    }

    public Task<IngestActivity> ReadAsync(
        DateTimeOffset since, int quarantined, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(new IngestActivity(
                [.. _runs.Values.Select(r => r.Row).Where(r => r.StartedAt >= since)
                    .OrderByDescending(r => r.StartedAt).Take(IngestActivity.MaxRuns)],
                [.. Enumerable.Reverse(_quarantine).Take(Math.Max(0, quarantined)).Select(q => new QuarantinedRow(
                    q.RunId, q.Row.LineNumber, q.Row.Reason, Cut(q.Row.Detail), Cut(q.Row.RawRow), q.ReceivedAt))],
                _crashes.Count));
    }

    private static IngestRunRow Ended(IngestRunRow run, string status, IngestSummary? summary) =>
        run with { Status = status, CompletedAt = DateTimeOffset.UtcNow, Summary = summary };

    private static string Cut(string text) =>
        text.Length <= QuarantinedRow.MaxText ? text : text[..QuarantinedRow.MaxText];
}
