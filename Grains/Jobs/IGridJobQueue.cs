using VisionZero.Jobs;

namespace VisionZero.Grains.Jobs;

/// <summary>The silo's job system as the grains see it (Hangfire, wired in the Silo project).</summary>
public interface IGridJobQueue
{
    /// <summary>
    /// Queues a job of the kind, or returns the one of that kind still queued or running (joined). The choice is
    /// made under a lock in the job storage, so two requests on different silos cannot both queue one.
    /// </summary>
    GridJobStart StartOrJoin(GridJobKind kind, string by);

    /// <summary>Queues the offline gate of a version, or joins that version's gate still queued or running.</summary>
    GridJobStart StartGate(int version, string by);

    /// <summary>
    /// Queues the staging load test of a version, or joins that version's test still queued or running.
    /// </summary>
    GridJobStart StartStaging(int version, string by);

    /// <summary>The canary soak of one version, or the one of that version not yet finished.</summary>
    GridJobStart StartCanary(int version, string by);

    GridJobStatus? Status(string jobId);
}
