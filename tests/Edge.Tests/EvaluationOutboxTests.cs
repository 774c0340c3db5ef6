using System.Collections.Immutable;
using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Edge.Tests;

/// <summary>
/// An evaluation waits on the edge's disk until the registry has it: kept whole across a restart, pending until
/// marked sent, and pending again when the same version and cutoff are evaluated anew.
/// </summary>
[Trait("Category", "Fast")]
public sealed class EvaluationOutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-outbox-").FullName;

    [Fact]
    public void An_evaluation_stays_pending_across_a_restart_until_sent_and_again_when_redone()
    {
        var path = Path.Combine(_folder, "edge.db");
        var first = Evaluation(new DateOnly(2021, 5, 14), macroF1: 0.445);
        var older = Evaluation(new DateOnly(2020, 11, 1), macroF1: 0.5);
        using (var grid = new EdgeGrid(EdgeStore.Open(path)))
        {
            grid.KeepEvaluation(first);
            grid.KeepEvaluation(older);
        }
        using (var grid = new EdgeGrid(EdgeStore.Open(path)))
        {
            var pending = grid.PendingEvaluations();
            Assert.Equal([older.Cutoff, first.Cutoff], pending.Select(e => e.Cutoff));
            Assert.Equal(0.445, pending[1].Metrics.MacroF1);
            Assert.Equal(first.Metrics.Confusion[4][3], pending[1].Metrics.Confusion[4][3]);
            Assert.Equal(first.Performance, pending[1].Performance);
            Assert.Equal(first.EvaluatedAt, pending[1].EvaluatedAt);
            grid.EvaluationSent(pending[0]);
            grid.EvaluationSent(pending[1]);
            Assert.Empty(grid.PendingEvaluations());

            grid.KeepEvaluation(Evaluation(first.Cutoff, macroF1: 0.6));
            Assert.Equal(0.6, Assert.Single(grid.PendingEvaluations()).Metrics.MacroF1);
        }
    }

    private static EdgeEvaluation Evaluation(DateOnly cutoff, double macroF1) => new(
        3, "edge-0123456789ab", new DateTimeOffset(2026, 12, 4, 18, 33, 49, TimeSpan.Zero), cutoff,
        cutoff.AddDays(182), "borough BROOKLYN", 506, 408,
        new BacktestResult("model", 0.96, 0.82, 0.8, macroF1, 0.81, 0.63, 0.94, 0.93,
            [.. Enum.GetValues<RiskClass>().Select(c => new ClassScore(c, 0.5, 0.4, 0.44, 10 + (int)c))],
            [.. Enumerable.Range(0, RiskThresholds.ClassCount)
                .Select(a => Enumerable.Range(0, RiskThresholds.ClassCount)
                    .Select(p => a * 10 + p)
                    .ToImmutableArray())]),
        new EdgePerformance(10_000, 16.9, 44.5, 83_869_696, 4_459_040, 38.2, "linux-arm64", 171.0));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
