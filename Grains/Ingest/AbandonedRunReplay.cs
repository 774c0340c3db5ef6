using Microsoft.Extensions.Logging;
using VisionZero.CrashData;
using VisionZero.Grains.Storage;
using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// Repairs the grid after abandoned ingests without their files: the records those runs stored are read
/// back from the crash store and sent through a new run. The store counts each as a duplicate that was
/// never applied (recovered), so its corner gets it exactly once, and the record then belongs to the
/// new run: a second replay finds nothing left to do.
/// </summary>
public sealed class AbandonedRunReplay(IGrainFactory grains, ICrashStore store, TimeProvider time, ILogger<AbandonedRunReplay> logger)
{
    public const string SourceName = "replay of abandoned runs";

    private const int BatchSize = 20_000;

    /// <summary>The new run's summary, or null when no abandoned run left records to replay.</summary>
    public async Task<IngestSummary?> ReplayAsync(CancellationToken cancellationToken = default)
    {
        IIngestRunGrain? run = null;
        var batch = new List<CrashRecord>(BatchSize);
        try
        {
            await foreach (var record in store.ReadAbandonedAsync(cancellationToken))
            {
                batch.Add(record);
                if (batch.Count == BatchSize)
                    run = await SendAsync(run, batch);
            }
            if (batch.Count > 0)
                run = await SendAsync(run, batch);
            if (run is null)
                return null;
            var summary = await run.Complete();
            logger.LogInformation("Replayed {Read} stored records of abandoned runs into {Intersections} corners",
                summary.Read, summary.IntersectionsTouched);
            return summary;
        }
        catch (Exception error) when (run is not null)
        {
            await run.Abandon(error is OperationCanceledException ? "replay cancelled" : $"{error.GetType().Name}: {error.Message}");
            throw;
        }
    }

    private async Task<IIngestRunGrain> SendAsync(IIngestRunGrain? run, List<CrashRecord> batch)
    {
        if (run is null)
        {
            run = grains.GetGrain<IIngestRunGrain>(Guid.NewGuid());
            await run.Start($"{SourceName} ({time.GetUtcNow():yyyy-MM-dd HH:mm} UTC)");
        }
        await run.AddPackedBatch(CrashRecordBatch.Pack(batch), []);
        batch.Clear();
        return run;
    }
}
