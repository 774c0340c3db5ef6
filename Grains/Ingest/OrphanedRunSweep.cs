using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using VisionZero.Grains.Storage;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// Marks abandoned every run the ledger still calls running whose silo has left the cluster: when this
/// silo becomes active, and again whenever the membership changes (another silo declared dead). A silo
/// killed outright never ran its runs' deactivation, so without this their rows would read "running" for
/// ever. Membership decides, not a grain call: while a silo joins, the grain directory may briefly not
/// know a live run's activation, and a call could wake a second, empty one. Runs in the background.
/// </summary>
public sealed class OrphanedRunSweep(
    IClusterMembershipService membership, ICrashStore store, ILogger<OrphanedRunSweep> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public const string Reason =
        "the silo running it stopped before the run completed; ingest the file again or run vz replay";

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The last sweep this silo started; tests wait on it.</summary>
    public Task<int> Completion { get; private set; } = Task.FromResult(0);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrphanedRunSweep), ServiceLifecycleStage.Active,
            started =>
            {
                Completion = Task.Run(SweepAsync);
                _ = Task.Run(() => WatchAsync(_stopping.Token));
                return Task.CompletedTask;
            },
            _ =>
            {
                _stopping.Cancel();
                return Task.CompletedTask;
            });

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            // Updates are rare (a silo joins, leaves or is declared dead) and a sweep is one query.
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stopping))
                Completion = SweepAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Marks the orphaned runs abandoned; answers how many it marked.</summary>
    public async Task<int> SweepAsync()
    {
        try
        {
            // The rows first, then membership: a run started by a silo that joined meanwhile is then known.
            var running = await store.RunningRunsAsync();
            if (running.Length == 0)
                return 0;
            await membership.Refresh();
            var members = membership.CurrentSnapshot.Members;
            var marked = 0;
            // A row without a silo predates this record: left alone rather than guessed at.
            foreach (var (run, silo) in running.Where(r => r.Silo is not null && Gone(members, r.Silo)))
            {
                await store.AbandonRunAsync(run, Reason, partial: null);
                logger.LogWarning(
                    "Ingest {Run} marked abandoned: its silo {Silo} left the cluster while it ran", run, silo);
                marked++;
            }
            return marked;
        }
        catch (Exception error)
        {
            // The ledger is a record, not the data: a failed sweep must not take the silo down.
            logger.LogWarning(error, "Could not check the ingest ledger for runs left running");
            return 0;
        }
    }

    private bool Gone(IReadOnlyDictionary<SiloAddress, ClusterMember> members, string silo)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.FromParsableString(silo);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            logger.LogWarning(
                "Ingest ledger names a silo that is not an address ({Silo}); its run is left as it is", silo);
            return false;
        }
        return !members.TryGetValue(address, out var member) || member.Status == SiloStatus.Dead;
    }
}
