using System.Collections.Immutable;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>
/// The raw accepted records, the ingest ledger and the quarantine: everything needed to rebuild the
/// grid. PostgreSQL in production, memory on the embedded default.
/// </summary>
public interface ICrashStore
{
    /// <summary>
    /// Opens a ledger row for the run, with the silo that holds it. A replay's records count as not yet
    /// applied for good: a later run that brings them again applies them afresh (recovered).
    /// </summary>
    Task StartRunAsync(
        Guid runId, string source, string silo, bool replay, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores new and changed records; says for each whether it was new, a duplicate or a replacement.
    /// </summary>
    Task<ImmutableArray<StoreOutcome>> UpsertAsync(
        Guid runId, IReadOnlyList<IncomingCrash> crashes, CancellationToken cancellationToken = default);

    Task QuarantineAsync(Guid runId, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Records which corner a coordinate-only crash was attributed to.</summary>
    Task AttributeAsync(
        IReadOnlyList<(long CollisionId, string IntersectionId)> attributions,
        CancellationToken cancellationToken = default);

    Task CompleteRunAsync(Guid runId, IngestSummary summary, CancellationToken cancellationToken = default);

    /// <summary>Marks a run that stopped before completing, with why and what it had counted (null when
    /// nothing is known); a completed run is left alone.</summary>
    Task AbandonRunAsync(
        Guid runId, string reason, IngestSummary? partial, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored records whose last writer is an abandoned run: their corners may never have been updated.
    /// The embedded store keeps no raw records (only ids and fingerprints) and yields none.
    /// </summary>
    IAsyncEnumerable<CrashRecord> ReadAbandonedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The runs the ledger says are still running (started, neither completed nor abandoned), with the silo
    /// that holds each (null for rows written before silos were recorded).
    /// </summary>
    Task<ImmutableArray<(Guid RunId, string? Silo)>> RunningRunsAsync(CancellationToken cancellationToken = default);
}
