namespace VisionZero.Jobs;

/// <summary>
/// What asking for a job got: the job to follow, its state (Enqueued, Processing ...), and whether it is one
/// of the same kind that was already queued or running (Joined: nothing new was queued; StartedBy says whose).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.GridJobStart")]
public sealed record GridJobStart(
    [property: Id(0)] string JobId,
    [property: Id(1)] GridJobKind Kind,
    [property: Id(2)] string State,
    [property: Id(3)] bool Joined,
    [property: Id(4)] string StartedBy);
