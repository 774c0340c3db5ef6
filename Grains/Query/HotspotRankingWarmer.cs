using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grid;

namespace VisionZero.Grains.Query;

/// <summary>
/// Keeps this silo's hotspot ranking warm: the first hotspot list of a day asks every corner of the grid (seconds at
/// city size), so once an ingest or a model change has settled (<see cref="GridOptions.RankingWarmQuiet"/> without
/// another), the silo ranks the data clock's day itself, and no user waits for it.
/// </summary>
public sealed class HotspotRankingWarmer(
    IGrainFactory grains, SnapshotCache cache, IOptions<GridOptions> options, ILogger<HotspotRankingWarmer> logger,
    ServingModels? serving = null) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RankingWarmQuiet <= TimeSpan.Zero)
            return;
        (long, int, int, DateOnly?) seen = default;
        var seenSince = DateTime.UtcNow;
        // A ranking that failed (a cold cluster, every silo activating corners at once) is not retried at once: each
        // retry asks every corner again and would keep the cluster too busy to ever finish one.
        var backoff = TimeSpan.Zero;
        var retryAt = DateTime.MinValue;
        using var timer = new PeriodicTimer(Poll);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var view = await grains.GetGrain<IDataClockGrain>(0).GetView();
                var stamp = (view.Generation, serving?.Current?.Version ?? 0, serving?.Canary?.Version ?? 0, view.AsOf);
                if (stamp != seen)
                    (seen, seenSince) = (stamp, DateTime.UtcNow);
                // A ranking met by a model swap is not kept, and a full cache starts over: both are ranked again.
                if (view.AsOf is { } day && DateTime.UtcNow - seenSince >= options.Value.RankingWarmQuiet
                    && DateTime.UtcNow >= retryAt && !cache.For(view.Generation).HasRanking(day))
                {
                    await grains.GetGrain<IGridQueryGrain>(0).Top(1, day);
                    backoff = TimeSpan.Zero;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The cluster is starting or a silo is leaving: tried again after a wait that doubles up to 2 minutes.
                backoff = backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(
                    Math.Min(backoff.Ticks * 2, LastBackoff.Ticks));
                retryAt = DateTime.UtcNow + backoff;
                logger.LogInformation(e, "The hotspot ranking could not be warmed; next try in {Backoff}", backoff);
            }
        }
    }
}
