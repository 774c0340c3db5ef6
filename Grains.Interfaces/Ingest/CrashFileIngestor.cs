using System.Collections.Immutable;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Ingest;

/// <summary>
/// Streams one export into the grid through an <see cref="IIngestRunGrain"/>: parses here, sends
/// batches with one in flight while the next is parsed, and completes the run. The run starts only
/// once the first rows have parsed, so a file refused at its header or first record leaves no trace.
/// </summary>
public sealed class CrashFileIngestor(IGrainFactory grains, int batchSize = 20_000)
{
    public async Task<IngestSummary> IngestAsync(Stream input, string sourceName, DateOnly today,
        IProgress<long>? rowsRead = null, CancellationToken cancellationToken = default)
    {
        using var source = await CrashFileReader.OpenAsync(input, today, cancellationToken);
        // A file with a header and no rows still leaves a completed run: the ledger says it was read.
        return (await RunAsync(
            source.ReadAsync(cancellationToken), sourceName, runWhenEmpty: true, rowsRead, cancellationToken))!;
    }

    /// <summary>
    /// Records read back from the crash store, through a replay run of their own (see
    /// <see cref="IIngestRunGrain.StartReplay"/>); null, and no run, when there are none.
    /// </summary>
    public Task<IngestSummary?> IngestRecordsAsync(IAsyncEnumerable<CrashRecord> records, string sourceName,
        CancellationToken cancellationToken = default) =>
        RunAsync(
            records.Select(CrashRow.Accept), sourceName, runWhenEmpty: false, null, cancellationToken, replay: true);

    private async Task<IngestSummary?> RunAsync(IAsyncEnumerable<CrashRow> input, string sourceName, bool runWhenEmpty,
        IProgress<long>? rowsRead, CancellationToken cancellationToken, bool replay = false)
    {
        IIngestRunGrain? run = null;
        Task inFlight = Task.CompletedTask;
        var records = new List<CrashRecord>(batchSize);
        var rejected = ImmutableArray.CreateBuilder<RejectedRow>();
        long rows = 0;

        async Task SendAsync()
        {
            run ??= await StartAsync(sourceName, replay);
            await inFlight;
            inFlight = run.AddPackedBatch(CrashRecordBatch.Pack(records), rejected.ToImmutable());
            records.Clear();
            rejected.Clear();
        }

        try
        {
            await foreach (var row in input.WithCancellation(cancellationToken))
            {
                if (row.Record is { } record)
                    records.Add(record);
                else
                    rejected.Add(row.Rejected!);
                if (++rows % batchSize == 0)
                {
                    await SendAsync();
                    rowsRead?.Report(rows);
                }
            }
            if (rows == 0 && !runWhenEmpty)
                return null;
            await SendAsync();
            await inFlight;
            rowsRead?.Report(rows);
            return await run!.Complete();
        }
        catch (CrashFileFormatException error) when (run is not null)
        {
            await SettleAsync(inFlight);
            await AbandonAsync(run, error);
            throw new CrashFileFormatException(error.Message, error.MissingColumns)
            {
                AbandonedRun = run.GetPrimaryKey()
            };
        }
        catch (Exception error) when (run is not null)
        {
            await SettleAsync(inFlight);
            await AbandonAsync(run, error);
            throw;
        }
    }

    /// <summary>
    /// Lets the batch in flight land (or fail) before the run is abandoned: Orleans does not promise that two
    /// calls arrive in the order they were made, and an abandon that overtook the batch would refuse rows the
    /// caller is told were stored.
    /// </summary>
    private static async Task SettleAsync(Task inFlight)
    {
        try
        {
            await inFlight;
        }
        catch (Exception)
        {
            // The batch's own failure is not the error being reported.
        }
    }

    /// <summary>
    /// Best effort: the ledger should say why a run stopped, but the original error is what the caller needs.
    /// </summary>
    private static async Task AbandonAsync(IIngestRunGrain run, Exception error)
    {
        try
        {
            await run.Abandon(error is OperationCanceledException
                ? "cancelled by the sender"
                : $"{error.GetType().Name}: {error.Message}");
        }
        catch (Exception)
        {
            // The cluster may be what failed; the run is then marked when it deactivates.
        }
    }

    public async Task<IngestSummary> IngestFileAsync(string path, DateOnly today,
        IProgress<long>? rowsRead = null, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return await IngestAsync(stream, Path.GetFileName(path), today, rowsRead, cancellationToken);
    }

    private async Task<IIngestRunGrain> StartAsync(string sourceName, bool replay)
    {
        var run = grains.GetGrain<IIngestRunGrain>(Guid.NewGuid());
        await (replay ? run.StartReplay(sourceName) : run.Start(sourceName));
        return run;
    }
}
