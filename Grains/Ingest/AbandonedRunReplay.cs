using Microsoft.Extensions.Logging;
using VisionZero.Grains.Storage;
using VisionZero.Grid;
using VisionZero.Ingest;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// Repairs the grid after abandoned ingests without their files: the records those runs stored are read
/// back from the crash store and sent through a new run, as a file's records are. The store counts each
/// as a duplicate that was never applied (recovered), so its corner gets it exactly once, and the record
/// then belongs to the new run: a second replay finds nothing left to do.
/// </summary>
public sealed class AbandonedRunReplay(
    IGrainFactory grains, ICrashStore store, TimeProvider time, ILogger<AbandonedRunReplay> logger)
{
    public const string SourceName = "replay of abandoned runs";

    /// <summary>The new run's summary, or null (and no run) when no abandoned run left records to replay.</summary>
    public async Task<IngestSummary?> ReplayAsync(CancellationToken cancellationToken = default)
    {
        var summary = await new CrashFileIngestor(grains).IngestRecordsAsync(
            store.ReadAbandonedAsync(cancellationToken),
            $"{SourceName} ({time.GetUtcNow():yyyy-MM-dd HH:mm} UTC)",
            cancellationToken);
        if (summary is not null)
            logger.LogInformation("Replayed {Read} stored records of abandoned runs into {Intersections} corners",
                summary.Read, summary.IntersectionsTouched);
        return summary;
    }
}
