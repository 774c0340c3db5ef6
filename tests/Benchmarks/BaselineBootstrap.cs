using System.Collections.Immutable;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Benchmarks;

/// <summary>
/// The model against each baseline under the product's corner bootstrap (<see cref="IntersectionBootstrap"/>),
/// printed for the benchmark's log.
/// </summary>
public static class BaselineBootstrap
{
    private static readonly string[] Baselines = ["last-6m", "last-1y", "last-5y", "forest"];

    private static readonly IntersectionBootstrap.Metric[] Metrics =
        [IntersectionBootstrap.Capture5, IntersectionBootstrap.MacroF1, IntersectionBootstrap.CalibrationDistance];

    public static ImmutableArray<BootstrapInterval> Compute(IReadOnlyList<BacktestScores> cutoffs, int replicates) =>
        IntersectionBootstrap.Compute(cutoffs, replicates, "model", Baselines, Metrics);

    public static void Print(IReadOnlyList<BacktestScores> cutoffs, int replicates)
    {
        foreach (var i in Compute(cutoffs, replicates))
            Console.WriteLine($"bootstrap: metric={i.Metric} against={i.Against} replicates={replicates} " +
                              $"p05={BacktestTally.Signed(i.P05)} median={BacktestTally.Signed(i.Median)} " +
                              $"p95={BacktestTally.Signed(i.P95)} model_ahead={i.SubjectAhead:F3}");
    }
}
