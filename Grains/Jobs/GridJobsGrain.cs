using Orleans.Concurrency;
using VisionZero.Grains.Risk.Training;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Grains.Jobs;

/// <summary>Hands operators' requests to the job queue; backtests run here, off the scheduler's threads.</summary>
[StatelessWorker(1), Reentrant]
public sealed class GridJobsGrain(IGridJobQueue queue, ModelTrainingService training) : Grain, IGridJobsGrain
{
    public Task<string> Enqueue(GridJobKind kind, string by)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a job kind");
        return Task.FromResult(queue.Enqueue(kind, string.IsNullOrWhiteSpace(by) ? "unknown" : by));
    }

    public Task<GridJobStatus?> GetStatus(string jobId) => Task.FromResult(queue.Status(jobId));

    public Task<BacktestReport> Backtest(DateOnly cutoff) => training.BacktestAsync(cutoff);
}
