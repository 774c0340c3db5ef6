using VisionZero.Models;

namespace VisionZero.Grains.Jobs;

/// <summary>The silo's job system as the grains see it (Hangfire, wired in the Silo project).</summary>
public interface IModelJobQueue
{
    string Enqueue(ModelJobKind kind, string by);

    ModelJobStatus? Status(string jobId);
}
