using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionZero.CrashData;
using VisionZero.Grains.Storage;
using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// One ingest run. Each batch is validated again, quarantined or stored, and sorted into per-corner
/// changes; the corners are updated (each written once) when the run completes or the pending
/// changes pass the flush threshold. Coordinate-only crashes are attributed at completion, against
/// every corner placed where it will stand once the run's named crashes are applied.
/// </summary>
public sealed class IngestRunGrain(
    ICrashStore store,
    IOptions<GridOptions> options,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<IngestRunGrain> logger)
    : Grain, IIngestRunGrain
{
    private readonly IngestCounters _counters = new();
    private readonly Dictionary<string, PendingIntersection> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<long, CoordinateOnlyCrash> _coordinateOnly = [];
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly IntersectionKeyCache _keys = new();
    private string? _source;
    private int _pendingCrashes;
    private IngestSummary? _summary;
    private string? _abandoned;
    private TimeSpan _storeTime, _batchTime, _flushTime, _attributionTime, _completeTime;

    public Task Start(string source) => StartAsync(source, replay: false);

    public Task StartReplay(string source) => StartAsync(source, replay: true);

    private async Task StartAsync(string source, bool replay)
    {
        if (_source is not null)
            throw new InvalidOperationException($"ingest run {this.GetPrimaryKey()} has already started");
        _source = string.IsNullOrWhiteSpace(source) ? "(unnamed)" : source;
        await store.StartRunAsync(this.GetPrimaryKey(), _source, silo.SiloAddress.ToParsableString(), replay);
    }

    public Task AddPackedBatch(CrashRecordBatch records, ImmutableArray<RejectedRow> rejected)
    {
        EnsureOpen();
        return AddBatch(records.Unpack(), rejected);
    }

    public async Task AddBatch(ImmutableArray<CrashRecord> records, ImmutableArray<RejectedRow> rejected)
    {
        EnsureOpen();
        var batchStarted = time.GetTimestamp();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // A client other than vz may send anything: keep raw rows to the quarantine's size.
        var rejects = (rejected.IsDefault ? [] : rejected)
            .Select(r => r with { RawRow = Cut(r.RawRow), Detail = Cut(r.Detail) })
            .ToList();
        var incoming = new List<IncomingCrash>(records.Length);
        var keys = new List<IntersectionKey?>(records.Length);
        foreach (var record in records.IsDefault ? [] : records)
        {
            var key = _keys.Of(record.OnStreet, record.CrossStreet);
            if (CrashRecordCheck.Find(record, key, today) is { } problem)
            {
                rejects.Add(new RejectedRow(0, problem.Reason, problem.Detail, Cut(record.ToString())));
                continue;
            }
            keys.Add(key);
            incoming.Add(new IncomingCrash(record, key?.Id));
        }
        _counters.Read += incoming.Count + rejects.Count;
        foreach (var row in rejects)
        {
            _counters.Reject(row.Reason);
            GridMetrics.IngestRows.Add(1, new("outcome", "rejected"), new("reason", row.Reason));
        }
        var started = time.GetTimestamp();
        await store.QuarantineAsync(this.GetPrimaryKey(), rejects);
        var outcomes = await store.UpsertAsync(this.GetPrimaryKey(), incoming);
        _storeTime += time.GetElapsedTime(started);
        for (var i = 0; i < incoming.Count; i++)
            Track(incoming[i].Record, keys[i], outcomes[i]);
        int accepted = 0, replaced = 0;
        foreach (var outcome in outcomes)
        {
            accepted += outcome.Kind == StoreOutcomeKind.New ? 1 : 0;
            replaced += outcome.Kind == StoreOutcomeKind.Replaced ? 1 : 0;
        }
        GridMetrics.IngestRows.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        GridMetrics.IngestRows.Add(replaced, new KeyValuePair<string, object?>("outcome", "replaced"));
        GridMetrics.IngestRows.Add(
            outcomes.Length - accepted - replaced, new KeyValuePair<string, object?>("outcome", "duplicate"));
        _batchTime += time.GetElapsedTime(batchStarted);
        if (_pendingCrashes >= options.Value.FlushThresholdCrashes)
            await FlushAsync();
    }

    public async Task<IngestSummary> Complete()
    {
        if (_summary is not null)
            return _summary;
        EnsureOpen();
        var completeStarted = time.GetTimestamp();
        var attributions = await AttributeCoordinateOnlyAsync();
        _attributionTime += time.GetElapsedTime(completeStarted);
        await FlushAsync();
        await store.AttributeAsync(attributions);
        if (_counters is { EarliestCrashDate: { } earliest, LatestCrashDate: { } latest })
            await GrainFactory.GetGrain<IDataClockGrain>(0).Advance(earliest, latest);
        _counters.IntersectionsTouched = _touched.Count;
        _completeTime = time.GetElapsedTime(completeStarted);
        _summary = _counters.ToSummary(_source!);
        await store.CompleteRunAsync(this.GetPrimaryKey(), _summary);
        logger.LogInformation(
            "Ingest {Run} of {Source}: read {Read}, accepted {Accepted}, {Intersections} intersections; " +
            "batches {BatchSeconds:F1} s (store {StoreSeconds:F1} s), attribution {AttributionSeconds:F1} s, " +
            "grain updates {FlushSeconds:F1} s; completion {CompleteSeconds:F1} s",
            this.GetPrimaryKey(), _source, _summary.Read, _summary.Accepted, _summary.IntersectionsTouched,
            _batchTime.TotalSeconds, _storeTime.TotalSeconds, _attributionTime.TotalSeconds, _flushTime.TotalSeconds,
            _completeTime.TotalSeconds);
        return _summary;
    }

    public async Task Abandon(string reason)
    {
        await AbandonAsync(reason);
        // Its pending changes will never be applied: free them now. The activation stays (until idle) to
        // tell a late batch why it is refused.
        _pending.Clear();
        _coordinateOnly.Clear();
        _touched.Clear();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A sender that vanished without a word: the run would read "running" for ever otherwise.
        if (_source is null || _summary is not null || _abandoned is not null)
            return;
        try
        {
            await AbandonAsync($"the run was deactivated before it completed ({reason.ReasonCode})");
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Could not mark ingest {Run} as abandoned", this.GetPrimaryKey());
        }
    }

    private async Task AbandonAsync(string reason)
    {
        if (_source is null || _summary is not null || _abandoned is not null)
            return;
        _abandoned = string.IsNullOrWhiteSpace(reason) ? "(no reason given)" : Cut(reason);
        await store.AbandonRunAsync(this.GetPrimaryKey(), _abandoned, _counters.ToSummary(_source));
        logger.LogWarning("Ingest {Run} of {Source} abandoned after {Read} rows: {Reason}",
            this.GetPrimaryKey(), _source, _counters.Read, _abandoned);
    }

    private void Track(CrashRecord record, IntersectionKey? key, StoreOutcome outcome)
    {
        if (outcome.Kind == StoreOutcomeKind.Duplicate)
        {
            _counters.Duplicates++;
            return;
        }
        switch (outcome.Kind)
        {
            case StoreOutcomeKind.New: _counters.Accepted++; break;
            case StoreOutcomeKind.Replaced: _counters.Replaced++; break;
            default: _counters.Duplicates++; break; // Recovered: seen before, but its corners may not have been
        }
        var id = record.CollisionId;
        if (outcome.PreviousIntersectionId is { } previous && previous != key?.Id)
            RemoveFrom(previous, id);
        _counters.SeeDate(record.CrashDate);
        var entry = CrashEntry.From(record);
        if (key is null)
        {
            _coordinateOnly[id] = new CoordinateOnlyCrash(entry, record.Borough);
            return;
        }
        _coordinateOnly.Remove(id);
        var pending = Pending(key.Id, key.Name);
        pending.Upserts.Add(entry);
        pending.Borough = record.Borough ?? pending.Borough;
        _pendingCrashes++;
    }

    private void RemoveFrom(string intersectionId, long collisionId)
    {
        var pending = Pending(intersectionId, null);
        pending.Upserts.RemoveAll(e => e.CollisionId == collisionId);
        pending.Removals.Add(collisionId);
    }

    private PendingIntersection Pending(string id, string? name)
    {
        if (!_pending.TryGetValue(id, out var pending))
            _pending[id] = pending = new PendingIntersection(name);
        pending.Name ??= name;
        return pending;
    }

    private async Task<List<(long, string)>> AttributeCoordinateOnlyAsync()
    {
        var attributions = new List<(long, string)>();
        if (_coordinateOnly.Count == 0)
            return attributions;
        var radius = Math.Clamp(options.Value.AttributionRadiusM, 1, 1_000);
        var index = await AttributionIndex.BuildAsync(GrainFactory, _coordinateOnly.Values, _pending, radius,
            options.Value.FanOutConcurrency);
        foreach (var crash in _coordinateOnly.Values)
        {
            var nearest = index.Nearest(crash.Entry.Latitude, crash.Entry.Longitude, radius);
            if (nearest is null)
            {
                _counters.Unmatched++;
                continue;
            }
            var pending = Pending(nearest.Id, nearest.Name);
            pending.Upserts.Add(crash.Entry);
            _pendingCrashes++;
            attributions.Add((crash.Entry.CollisionId, nearest.Id));
            _counters.Attributed++;
        }
        _coordinateOnly.Clear();
        return attributions;
    }

    private async Task FlushAsync()
    {
        if (_pending.Count == 0)
            return;
        var started = time.GetTimestamp();
        var work = _pending.ToList();
        _pending.Clear();
        _pendingCrashes = 0;
        var changes = await FanOut.Run(work, options.Value.FlushConcurrency, item =>
        {
            var delta = new IntersectionDelta(
                item.Value.Name, [.. item.Value.Upserts], [.. item.Value.Removals], item.Value.Borough);
            item.Value.Release();
            return GrainFactory.GetGrain<IIntersectionGrain>(item.Key).Apply(delta);
        });
        _touched.UnionWith(work.Select(w => w.Key));
        await CatalogUpdate.ApplyAsync(GrainFactory, changes);
        // After the corners and the catalog are written: a query that sees the new generation sees them.
        await GrainFactory.GetGrain<IDataClockGrain>(0).MarkChanged();
        _flushTime += time.GetElapsedTime(started);
    }

    private static string Cut(string text) =>
        text.Length <= CrashRowParser.MaxRawRowLength ? text : text[..CrashRowParser.MaxRawRowLength];

    private void EnsureOpen()
    {
        if (_source is null)
            throw new InvalidOperationException($"ingest run {this.GetPrimaryKey()} was not started");
        if (_summary is not null)
            throw new InvalidOperationException($"ingest run {this.GetPrimaryKey()} is already complete");
        if (_abandoned is not null)
            throw new InvalidOperationException($"ingest run {this.GetPrimaryKey()} was abandoned: {_abandoned}");
    }
}
