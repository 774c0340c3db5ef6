using System.Collections.Immutable;

namespace VisionZero.Grains.Storage;

/// <summary>
/// What the store already holds for a collision id, and whether the run that wrote it completed from its
/// file (a replay's records are applied again when their file comes back).
/// </summary>
public readonly record struct StoredCrash(long Hash, string? IntersectionId, Guid RunId, bool RunCompleted);

/// <summary>
/// Decides, for each incoming record against what is stored, whether it is new, a duplicate, a
/// replacement, or a recovery: the same record again, first stored by a run that never completed
/// (its corners may never have been updated), so it is counted as a duplicate but applied again.
/// One rule set for both stores.
/// </summary>
public static class CrashClassifier
{
    public sealed record Result(
        ImmutableArray<StoreOutcome> Outcomes,
        List<(IncomingCrash Crash, long Hash)> Fresh,
        List<(IncomingCrash Crash, long Hash)> Changed);

    public static Result Classify(Guid runId, IReadOnlyList<IncomingCrash> crashes, Dictionary<long, StoredCrash> known)
    {
        var outcomes = ImmutableArray.CreateBuilder<StoreOutcome>(crashes.Count);
        var fresh = new List<(IncomingCrash, long)>(crashes.Count);
        var changed = new Dictionary<long, (IncomingCrash, long)>();
        foreach (var crash in crashes)
        {
            var id = crash.Record.CollisionId;
            var hash = CrashContentHash.Of(crash.Record);
            if (!known.TryGetValue(id, out var existing))
            {
                outcomes.Add(new StoreOutcome(StoreOutcomeKind.New, null));
                fresh.Add((crash, hash));
            }
            else if (existing.Hash != hash)
            {
                outcomes.Add(new StoreOutcome(StoreOutcomeKind.Replaced, existing.IntersectionId));
                changed[id] = (crash, hash);
            }
            else if (existing.RunId == runId || existing.RunCompleted)
            {
                outcomes.Add(new StoreOutcome(StoreOutcomeKind.Duplicate, null));
                continue;
            }
            else
            {
                outcomes.Add(new StoreOutcome(StoreOutcomeKind.Recovered, existing.IntersectionId));
                changed[id] = (crash, hash);
            }
            known[id] = new StoredCrash(hash, crash.IntersectionId, runId, false);
        }
        return new Result(outcomes.MoveToImmutable(), fresh, [.. changed.Values]);
    }
}
