using Microsoft.Extensions.Logging;
using VisionZero.Edge.Area;
using VisionZero.Edge.Uplink;
using VisionZero.Models;

namespace VisionZero.Edge.Sync;

/// <summary>
/// Keeps the edge current while the network allows: subscribes to model pushes, and syncs the model and the
/// area (and uploads pending offline evaluations) on every push, every poll interval, and when the area's centre
/// becomes known; then uploads the log of answered fixes. A failure (no cluster, a silo gone) backs off from 1 s
/// doubling to 30 s; answers keep coming from the copy meanwhile. An upload that fails does not make the copy
/// stale: it is tried again next round.
/// </summary>
public sealed class EdgeSyncLoop(Task<IClusterClient> connected, EdgeGrid grid, EdgeArea area,
    TimeSpan pollInterval, ILogger logger, UplinkSync uplink)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SubscriptionRenewal = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _wake = new(0);
    // Orleans holds the object behind an observer reference weakly: the loop keeps it alive, or a collection
    // drops it and every later push is lost until the next poll.
    private ModelPushObserver? _pushObserver;
    private IModelObserver? _observer;
    private DateTimeOffset _subscribedAt = DateTimeOffset.MinValue;

    public SyncStatus Status { get; private set; } = SyncStatus.NotYet;

    /// <summary>Syncs now rather than at the next poll (a push, a first fix).</summary>
    public void Wake() => _wake.Release();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        IClusterClient client;
        try
        {
            client = await connected.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        area.CentreKnown += Wake;
        var retry = FirstRetry;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = pollInterval;
            var attempt = DateTimeOffset.UtcNow;
            try
            {
                await SubscribeAsync(client);
                var version = await new ModelSync(client, grid).RunAsync();
                var result = await new AreaSync(client, grid).RunAsync(area.Current, cancellationToken);
                var uploaded = await new EvaluationUpload(client, grid).RunAsync();
                foreach (var refusal in uploaded.Refused)
                    logger.LogWarning("Evaluation not uploaded: {Refusal}", refusal);
                if (!result.Skipped)
                    logger.LogInformation("Synced {Area}: {Corners} corners, {Changed} changed, {Gone} gone, " +
                        "model {Version}", area.Current, result.Corners, result.Changed, result.Gone, version);
                Status = new SyncStatus(true, attempt, DateTimeOffset.UtcNow, null, TimeSpan.Zero);
                retry = FirstRetry;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _subscribedAt = DateTimeOffset.MinValue;
                wait = retry;
                Status = new SyncStatus(false, attempt, Status.LastSuccess, $"{e.GetType().Name}: {e.Message}", retry);
                logger.LogWarning("Sync failed ({Error}); answering from the copy, next try in {Retry}",
                    e.Message, retry);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
            if (Status.Connected)
                await uplink.RunAsync(client, cancellationToken);
            try
            {
                await _wake.WaitAsync(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        area.CentreKnown -= Wake;
    }

    private async Task SubscribeAsync(IClusterClient client)
    {
        if (DateTimeOffset.UtcNow - _subscribedAt < SubscriptionRenewal)
            return;
        _pushObserver ??= new ModelPushObserver(Wake);
        _observer ??= client.CreateObjectReference<IModelObserver>(_pushObserver);
        await client.GetGrain<IModelRegistryGrain>(0).Subscribe(_observer);
        _subscribedAt = DateTimeOffset.UtcNow;
    }
}
