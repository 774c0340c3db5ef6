using System.Collections.Immutable;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Grains.Intersections;

/// <summary>
/// One street corner. Keeps every crash compactly so windows are exact as of any day; the crash
/// history lives only in memory while active and is rebuilt from persisted state on activation.
/// </summary>
public sealed class IntersectionGrain(
    [PersistentState("intersection", GridStorage.Intersections)] IPersistentState<IntersectionState> state,
    ServingModels production,
    Risk.Live.PredictionLog? predictions = null)
    : Grain, IIntersectionGrain
{
    private CrashHistory _history = new();
    private (double Latitude, double Longitude)? _location;
    private bool _queried;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _history = new CrashHistory(state.State.ToEntries());
        _location = _history.MedianLocation();
        state.State.SetEntries([]); // the history holds the crashes; the arrays are rebuilt only to write
        return Task.CompletedTask;
    }

    public async Task<PlacementChange> Apply(IntersectionDelta delta)
    {
        var before = state.RecordExists || _history.Count > 0 ? Placement() : null;
        var changed = _history.Upsert(delta.Upserts, delta.Removals);
        _location = _history.MedianLocation();
        var renamed = (delta.Name is not null && state.State.Name != delta.Name) ||
                      (delta.Borough is not null && state.State.Borough != delta.Borough);
        state.State.Name = delta.Name ?? state.State.Name;
        state.State.Borough = delta.Borough ?? state.State.Borough;
        if ((changed > 0 || renamed) && state.State.Name is not null)
        {
            state.State.SchemaVersion = IntersectionState.CurrentSchemaVersion;
            state.State.SetEntries(_history.Crashes);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Memory is ahead of storage now: start again from what is stored.
                DeactivateOnIdle();
                throw;
            }
            finally
            {
                state.State.SetEntries([]);
            }
        }
        // An ingest touches every corner once; a corner nobody has asked about goes back to storage
        // instead of pinning 150,000 activations in memory. Queried corners stay warm.
        if (!_queried)
            DeactivateOnIdle();
        return new PlacementChange(before, Placement());
    }

    public Task<IntersectionPlacement> PlacementAfter(IntersectionDelta delta)
    {
        var after = new CrashHistory(_history.Crashes);
        after.Upsert(delta.Upserts, delta.Removals);
        var location = after.MedianLocation();
        return Task.FromResult(new IntersectionPlacement(
            this.GetPrimaryKeyString(),
            delta.Name ?? state.State.Name ?? "",
            location?.Latitude,
            location?.Longitude,
            delta.Borough ?? state.State.Borough,
            after.Count));
    }

    public Task<IntersectionSnapshot?> GetSnapshot(DateOnly asOf)
    {
        _queried = true;
        if (state.State.Name is null)
            return Task.FromResult<IntersectionSnapshot?>(null);
        RiskAssessment? risk = null;
        if (production.For(this.GetPrimaryKeyString()) is { } model)
        {
            // On the stack: every answer scores, so no array per call.
            Span<float> features = stackalloc float[RiskFeatures.FixedCount];
            RiskFeatures.Compute(_history, asOf, state.State.Borough, features);
            risk = model.Assess(features);
            // The rollout's own test traffic (staging, production-only) is not what users were told.
            if (!StagingRequest.Active && !StagingRequest.ProductionOnly)
                predictions?.Offer(model.Version, this.GetPrimaryKeyString(), asOf, risk.RiskScore, risk.RiskClass);
        }
        if (risk is not null)
            GridMetrics.CountPrediction(risk.RiskClass);
        return Task.FromResult<IntersectionSnapshot?>(new IntersectionSnapshot(
            this.GetPrimaryKeyString(),
            state.State.Name,
            _location?.Latitude,
            _location?.Longitude,
            state.State.Borough,
            asOf,
            _history.Window(asOf, RollingWindows.SixMonths),
            _history.Window(asOf, RollingWindows.OneYear),
            _history.Window(asOf, RollingWindows.FiveYears),
            _history.Count, _history.LastDate)
        {
            Risk = risk,
            RiskUnavailable = production.Current is null ? production.Unavailable : null,
        });
    }

    public Task<TrainingRows> GetTrainingRows(ImmutableArray<DateOnly> asOfDays, DateOnly labelsUntil)
    {
        var rows = TrainingRows.Build(_history, asOfDays, labelsUntil, state.State.Borough);
        // Training reads every corner once: do not keep 150,000 of them in memory afterwards.
        if (!_queried)
            DeactivateOnIdle();
        return Task.FromResult(rows);
    }

    public Task<IntersectionHistory?> GetHistory(string? knownDigest)
    {
        if (state.State.Name is null)
            return Task.FromResult<IntersectionHistory?>(null);
        var digest = CrashHistoryDigest.Of(_history);
        var unchanged = knownDigest == digest;
        return Task.FromResult<IntersectionHistory?>(new IntersectionHistory(
            this.GetPrimaryKeyString(), state.State.Name, state.State.Borough,
            _location?.Latitude, _location?.Longitude,
            digest, unchanged, unchanged ? [] : [.. _history.Crashes]));
    }

    private IntersectionPlacement Placement()
    {
        return new IntersectionPlacement(this.GetPrimaryKeyString(), state.State.Name ?? "",
            _location?.Latitude, _location?.Longitude, state.State.Borough, _history.Count);
    }
}
