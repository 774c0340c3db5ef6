using System.Collections.Immutable;

namespace VisionZero.Grid;

/// <summary>
/// Everything one ingest batch changes at one intersection, applied (and written) at once.
/// Name is null when the batch only removes crashes that moved elsewhere.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.IntersectionDelta")]
public sealed record IntersectionDelta(
    [property: Id(0)] string? Name,
    [property: Id(1)] ImmutableArray<CrashEntry> Upserts,
    [property: Id(2)] ImmutableArray<long> Removals,
    [property: Id(3)] string? Borough);
