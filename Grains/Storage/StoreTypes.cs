using VisionZero.CrashData;

namespace VisionZero.Grains.Storage;

/// <summary>A record on its way in, with the corner its streets name (null when they name none).</summary>
public readonly record struct IncomingCrash(CrashRecord Record, string? IntersectionId);

public enum StoreOutcomeKind
{
    New,
    Duplicate,
    Replaced,
    /// <summary>
    /// A duplicate whose first ingest never completed: counted as a duplicate, applied to the grid again.
    /// </summary>
    Recovered,
}

/// <summary>For a replacement, the corner the old version counted at (named or attributed).</summary>
public readonly record struct StoreOutcome(StoreOutcomeKind Kind, string? PreviousIntersectionId);
