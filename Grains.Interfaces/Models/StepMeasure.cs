namespace VisionZero.Models;

/// <summary>
/// One measure a rollout step (staging) judged: the candidate's figure, production's measured in the same step, the
/// limit the candidate had to keep (an upper bound, or a lower one for throughput: see <see cref="AtLeast"/>) and
/// whether it held.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.StepMeasure")]
public sealed record StepMeasure(
    [property: Id(0)] string Name,
    [property: Id(1)] double Candidate,
    [property: Id(2)] double Production,
    [property: Id(3)] double Limit,
    [property: Id(4)] bool AtLeast,
    [property: Id(5)] bool Held);
