using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisionZero.Grid;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Grains.Risk.Live;

/// <summary>
/// The served predictions the feedback loop keeps: a grain that scores a corner offers its answer here, a stable
/// share is sampled (<see cref="LiveSettings.SampleRate"/>), and a background loop writes them to the store in
/// batches each second. Serving never waits for it: when the buffer is full, a prediction is dropped and counted.
/// </summary>
public sealed class PredictionLog(IPredictionLogStore store, LiveSettings settings, ILogger<PredictionLog> logger)
    : BackgroundService
{
    /// <summary>Predictions waiting for the next write, at most.</summary>
    public const int Capacity = 50_000;

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    private readonly Channel<PredictionRecord> _pending = Channel.CreateBounded<PredictionRecord>(
        // Wait mode: TryWrite then says "full" (and the caller counts the drop) instead of dropping in silence.
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private long _dropped;

    /// <summary>Predictions dropped because the buffer was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Whether this prediction is in the sample: the same answer for the same key, on every silo.</summary>
    public bool Sampled(int version, string intersectionId, DateOnly asOf) =>
        settings.SampleRate > 0 && (settings.SampleRate >= 1
            || Mix(IntersectionHash.Of(intersectionId) ^ (uint)asOf.DayNumber * 0x9E3779B1u
                   ^ (uint)version * 0x85EBCA77u) % 1_000_000 < settings.SampleRate * 1_000_000);

    /// <summary>
    /// Spreads the bits of the combined key (MurmurHash3's finaliser): every grain answer is asked, so the key is
    /// combined from the corner's hash without building a string.
    /// </summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        return h ^ (h >> 16);
    }

    public void Offer(int version, string intersectionId, DateOnly asOf, double score, RiskClass riskClass)
    {
        if (!Sampled(version, intersectionId, asOf))
            return;
        if (!_pending.Writer.TryWrite(
                new PredictionRecord(version, intersectionId, asOf, score, riskClass, DateTimeOffset.UtcNow)))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes what is waiting now (the loop does this each second; tests and shutdown call it).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = new List<PredictionRecord>();
        while (batch.Count < 10_000 && _pending.Reader.TryRead(out var record))
            batch.Add(record);
        if (batch.Count > 0)
            await store.AddAsync(batch, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        var pruned = DateTimeOffset.UtcNow;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
                if (DateTimeOffset.UtcNow - pruned > PruneInterval)
                {
                    pruned = DateTimeOffset.UtcNow;
                    await store.PruneAsync(settings.MaxRows, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is briefly away: this batch is lost, serving is not held up.
                logger.LogWarning(e, "Could not keep a batch of served predictions");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not keep the last served predictions at shutdown");
        }
    }
}
