using System.Collections.Immutable;
using VisionZero.CrashData;

namespace VisionZero.Grid;

/// <summary>
/// One ingest of one source (keyed by a new Guid). Batches are stored as they arrive; the grid's
/// intersections are updated, each written once, when the run completes.
/// </summary>
[Alias("vz.IIngestRunGrain")]
public interface IIngestRunGrain : IGrainWithGuidKey
{
    [Alias("Start")]
    Task Start(string source);

    /// <summary>
    /// Starts a run of records read back from the crash store (a replay of abandoned runs), not from a file.
    /// What it applies stands until the records' file comes again, which applies them afresh: a replay lacks
    /// the rest of its file, and with it the corners that decide where a coordinate-only crash belongs.
    /// </summary>
    [Alias("StartReplay")]
    Task StartReplay(string source);

    [Alias("AddBatch")]
    Task AddBatch(ImmutableArray<CrashRecord> records, ImmutableArray<RejectedRow> rejected);

    /// <summary>
    /// The same as <see cref="AddBatch"/>, with the records packed: what bulk senders use (cheaper to serialize).
    /// </summary>
    [Alias("AddPackedBatch")]
    Task AddPackedBatch(CrashRecordBatch records, ImmutableArray<RejectedRow> rejected);

    [Alias("Complete"), ResponseTimeout("00:30:00")]
    Task<IngestSummary> Complete();

    /// <summary>
    /// Ends a run that will not complete (the sender failed or stopped): the ledger says so, with the
    /// reason. Its stored records reach their corners when the file comes again.
    /// </summary>
    [Alias("Abandon")]
    Task Abandon(string reason);
}
