using System.Collections.Immutable;

namespace VisionZero.Grid;

/// <summary>
/// The outcome of ingesting one source. read = accepted + replaced + duplicates + rejected;
/// unmatched counts accepted crashes with coordinates but no intersection within the attribution radius.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.IngestSummary")]
public sealed record IngestSummary(
    [property: Id(0)] string Source,
    [property: Id(1)] long Read,
    [property: Id(2)] long Accepted,
    [property: Id(3)] long Duplicates,
    [property: Id(4)] long Replaced,
    [property: Id(5)] long Rejected,
    [property: Id(6)] ImmutableDictionary<string, long> RejectedByReason,
    [property: Id(7)] long Unmatched,
    [property: Id(8)] long Attributed,
    [property: Id(9)] int IntersectionsTouched,
    [property: Id(10)] DateOnly? LatestCrashDate);
