using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Grains.Jobs;

/// <summary>The silo's job system as the grains see it (Hangfire, wired in the Silo project).</summary>
public interface IGridJobQueue
{
    string Enqueue(GridJobKind kind, string by);

    GridJobStatus? Status(string jobId);
}
