using Microsoft.Extensions.Logging;
using VisionZero.Grains.Storage;
using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// When a silo becomes active, asks every run the ledger still calls running whether it is alive. A silo
/// that was killed outright never ran its runs' deactivation, so without this their rows would read
/// "running" for ever. Runs in the background: start-up does not wait for PostgreSQL or for other silos.
/// </summary>
public sealed class OrphanedRunSweep(IGrainFactory grains, ICrashStore store, ILogger<OrphanedRunSweep> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The last sweep this silo started; tests wait on it.</summary>
    public Task<int> Completion { get; private set; } = Task.FromResult(0);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrphanedRunSweep), ServiceLifecycleStage.Active, _ =>
        {
            Completion = Task.Run(SweepAsync);
            return Task.CompletedTask;
        });

    /// <summary>Marks the orphaned runs abandoned; answers how many it marked.</summary>
    public async Task<int> SweepAsync()
    {
        try
        {
            var marked = 0;
            foreach (var run in await store.RunningRunsAsync())
                marked += await grains.GetGrain<IIngestRunGrain>(run).AbandonIfOrphaned() ? 1 : 0;
            if (marked > 0)
                logger.LogWarning("{Count} ingest runs were left running by a silo that stopped; marked abandoned", marked);
            return marked;
        }
        catch (Exception error)
        {
            // The ledger is a record, not the data: a failed sweep must not take the silo down.
            logger.LogWarning(error, "Could not check the ingest ledger for runs left running");
            return 0;
        }
    }
}
