using System.Collections.Immutable;
using System.Globalization;
using VisionZero.Models;

namespace VisionZero.Grains.Rollout;

/// <summary>
/// Staging's rule: the candidate, loaded beside production and driven through the HTTP API in the same step, must
/// keep its p99 under the ceiling and under production's times the ratio (never tighter than production's plus
/// <see cref="NoiseFloorMs"/>: below that, two runs of one model differ by scheduling alone), its throughput at
/// least production's times the ratio, and its share of failed requests under the maximum.
/// </summary>
public static class StagingJudge
{
    public const double NoiseFloorMs = 10;

    public static (bool Passed, string Why, ImmutableArray<StepMeasure> Measures) Judge(
        LoadFigures production, LoadFigures candidate, StagingSettings settings)
    {
        var p99Limit = Math.Min(settings.MaxP99Ms,
            Math.Max(production.P99Ms * settings.P99Ratio, production.P99Ms + NoiseFloorMs));
        var throughputLimit = production.PerSecond * settings.MinThroughputRatio;
        ImmutableArray<StepMeasure> measures =
        [
            new("p99-ms", candidate.P99Ms, production.P99Ms, p99Limit, AtLeast: false, candidate.P99Ms <= p99Limit),
            new("requests-per-second", candidate.PerSecond, production.PerSecond, throughputLimit, AtLeast: true,
                candidate.PerSecond >= throughputLimit && candidate.Requests > 0),
            new("error-rate", candidate.ErrorRate, production.ErrorRate, settings.MaxErrorRate, AtLeast: false,
                candidate.ErrorRate <= settings.MaxErrorRate),
        ];
        var failed = measures.Where(m => !m.Held).ToArray();
        var why = failed.Length == 0
            ? $"held: p99 {F(candidate.P99Ms)} ms (production {F(production.P99Ms)}), " +
              $"{F(candidate.PerSecond)} requests/s (production {F(production.PerSecond)}), " +
              $"{candidate.Failed} of {candidate.Requests} failed"
            : "breached: " + string.Join("; ", failed.Select(m =>
                $"{m.Name} {F(m.Candidate)} (production {F(m.Production)}), " +
                $"{(m.AtLeast ? "at least" : "at most")} {F(m.Limit)} allowed"));
        return (failed.Length == 0, why, measures);
    }

    private static string F(double value) => value.ToString(value < 1 ? "0.####" : "0.#", CultureInfo.InvariantCulture);
}
