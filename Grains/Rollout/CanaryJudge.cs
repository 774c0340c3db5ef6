using System.Collections.Immutable;
using System.Globalization;
using VisionZero.Models;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Grains.Rollout;

/// <summary>What the canary's figures say at one moment of the soak.</summary>
public enum CanaryState
{
    /// <summary>Too few answers yet, or every measure holds and the soak is not over.</summary>
    Soaking,

    /// <summary>The soak is over and every measure held.</summary>
    Held,

    /// <summary>A measure broke its bound (or the soak ended with too few answers to judge).</summary>
    Breached,
}

/// <summary>
/// The canary's rule, applied every second of the soak: once each side has given
/// <see cref="CanarySettings.MinAnswers"/> answers, the canary's failed share, its p99 (within production's times the
/// ratio, never tighter than production's plus <see cref="StagingJudge.NoiseFloorMs"/>), the population stability
/// index of its scores against production's on the same corners, and the share of those corners in the same class
/// must all hold; the first that does not
/// ends the soak.
/// </summary>
public static class CanaryJudge
{
    public static (CanaryState State, string Why, ImmutableArray<StepMeasure> Measures) Judge(
        CanarySnapshot figures, CanarySettings settings, bool soakOver)
    {
        var (canary, production) = (figures.Canary, figures.Production);
        var fewest = Math.Min(Math.Min(canary.Requests, production.Requests), figures.Pairs);
        if (fewest < settings.MinAnswers)
            return soakOver
                ? (CanaryState.Breached,
                    $"too few answers to judge: {canary.Requests} from the canary, {production.Requests} from " +
                    $"production, {figures.Pairs} compared; {settings.MinAnswers} each needed", [])
                : (CanaryState.Soaking, "", []);
        var p99Limit = Math.Max(production.P99Ms * settings.P99Ratio, production.P99Ms + StagingJudge.NoiseFloorMs);
        var psi = PopulationStability.Of(figures.ProductionScores, figures.CanaryScores);
        ImmutableArray<StepMeasure> measures =
        [
            new("error-rate", canary.ErrorRate, production.ErrorRate, settings.MaxErrorRate, AtLeast: false,
                canary.ErrorRate <= settings.MaxErrorRate),
            new("p99-ms", canary.P99Ms, production.P99Ms, p99Limit, AtLeast: false, canary.P99Ms <= p99Limit),
            new("psi", psi, 0, settings.MaxPsi, AtLeast: false, psi <= settings.MaxPsi),
            new("class-agreement", figures.Agreement, 1, settings.MinAgreement, AtLeast: true,
                figures.Agreement >= settings.MinAgreement),
        ];
        var failed = measures.Where(m => !m.Held).ToArray();
        if (failed.Length > 0)
            return (CanaryState.Breached, "breached: " + string.Join("; ", failed.Select(m =>
                $"{m.Name} {F(m.Candidate)} (production {F(m.Production)}), " +
                $"{(m.AtLeast ? "at least" : "at most")} {F(m.Limit)} allowed")), measures);
        var why = $"held: {canary.Failed} of {canary.Requests} canary answers failed, p99 {F(canary.P99Ms)} ms " +
                  $"(production {F(production.P99Ms)}), PSI {F(psi)}, class agreement {F(figures.Agreement)} " +
                  $"on {figures.Pairs} answers compared";
        return (soakOver ? CanaryState.Held : CanaryState.Soaking, why, measures);
    }

    private static string F(double value) => value.ToString(value < 1 ? "0.####" : "0.#", CultureInfo.InvariantCulture);
}
