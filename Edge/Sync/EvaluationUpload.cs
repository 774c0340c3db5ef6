using VisionZero.Edge.Area;
using VisionZero.Models;

namespace VisionZero.Edge.Sync;

/// <summary>
/// Sends the offline evaluations the edge keeps (vz-edge eval) to the model registry once it is connected: each
/// is marked sent when the registry has it, so a lost connection leaves the rest pending for the next sync. One
/// the registry can never take (its version is not registered there) is dropped rather than retried forever.
/// </summary>
public sealed class EvaluationUpload(IGrainFactory grains, EdgeGrid grid)
{
    public sealed record Result(int Sent, IReadOnlyList<string> Refused);

    public async Task<Result> RunAsync()
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var sent = 0;
        var refused = new List<string>();
        foreach (var evaluation in grid.PendingEvaluations())
        {
            try
            {
                await registry.RecordEdgeEvaluation(evaluation);
                sent++;
            }
            catch (KeyNotFoundException e)
            {
                refused.Add($"the evaluation of version {evaluation.Version} at {evaluation.Cutoff:yyyy-MM-dd} " +
                    $"was refused: {e.Message}");
            }
            grid.EvaluationSent(evaluation);
        }
        return new Result(sent, refused);
    }
}
