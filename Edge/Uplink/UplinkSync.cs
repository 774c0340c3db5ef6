using Microsoft.Extensions.Logging;
using VisionZero.Uplink;

namespace VisionZero.Edge.Uplink;

/// <summary>
/// Sends the log to the device's grain in batches, oldest first, until nothing waits. Each batch is deleted only
/// after the grid confirms it; a batch whose answer is lost (the network, or the edge stopped) is sent again and
/// the grid stores none of it twice. A stop never waits for the answer.
/// </summary>
public sealed class UplinkSync(UplinkLog log, string deviceId, int batchSize, ILogger logger)
{
    public const int DefaultBatchSize = 500;

    /// <summary>The grid takes at most 5,000 entries at once.</summary>
    public const int MaxBatchSize = 5_000;

    private readonly int _batchSize = batchSize is >= 1 and <= MaxBatchSize
        ? batchSize
        : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "an upload takes 1 to 5,000 entries");

    public DateTimeOffset? LastUpload { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Uploads everything waiting; failures are kept in <see cref="LastError"/> for the next round.</summary>
    public async Task RunAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var device = grains.GetGrain<IEdgeDeviceGrain>(deviceId);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = log.NextBatch(_batchSize);
                if (batch.Entries.IsEmpty)
                    break;
                var receipt = await device.Upload(batch).WaitAsync(cancellationToken);
                LastUpload = DateTimeOffset.UtcNow;
                if (log.Confirm(batch, receipt) is { } problem)
                    throw new InvalidOperationException(problem);
                LastError = null;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LastError = $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning("Upload failed ({Error}); the log keeps its entries for the next try", e.Message);
        }
    }
}
