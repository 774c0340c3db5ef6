using System.Collections.Immutable;

namespace VisionZero.Models;

/// <summary>
/// One step of a version's rollout pipeline and its verdict, kept with the version: which step, what it decided
/// and why, the thresholds it judged by (<see cref="Settings"/>) and the figures it judged on: the offline gate's
/// bootstrap comparisons (<see cref="Figures"/>), staging's load-test measures (<see cref="Measures"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.RolloutStep")]
public sealed record RolloutStep(
    [property: Id(0)] int Version,
    [property: Id(1)] string Step,
    [property: Id(2)] string Verdict,
    [property: Id(3)] string Why,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string By,
    [property: Id(6)] ImmutableDictionary<string, string> Settings,
    ImmutableArray<GateComparison> Figures,
    ImmutableArray<StepMeasure> Measures)
{
    // A default ImmutableArray throws when enumerated (JSON, equality of contents); a step without figures has none.
    [Id(7)]
    public ImmutableArray<GateComparison> Figures { get; init; } = Figures.IsDefault ? [] : Figures;

    [Id(8)]
    public ImmutableArray<StepMeasure> Measures { get; init; } = Measures.IsDefault ? [] : Measures;
}
