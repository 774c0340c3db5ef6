namespace VisionZero.Models;

/// <summary>
/// How the device ran during an offline evaluation: the latency of <see cref="Lookups"/> answers at positions
/// near the area's corners (the 50th and 99th percentiles, in microseconds), the process's working set and
/// live managed heap once they were answered, how long loading the stored version took when the evaluation
/// loaded it again (<see cref="ModelLoadMilliseconds"/>) and when the edge first opened its copy, the process's
/// first load (<see cref="ModelLoadAtOpenMilliseconds"/>: what a device pays at start), and the platform (a
/// runtime identifier such as linux-arm64).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.EdgePerformance")]
public sealed record EdgePerformance(
    [property: Id(0)] int Lookups,
    [property: Id(1)] double LookupP50Microseconds,
    [property: Id(2)] double LookupP99Microseconds,
    [property: Id(3)] long WorkingSetBytes,
    [property: Id(4)] long ManagedHeapBytes,
    [property: Id(5)] double ModelLoadMilliseconds,
    [property: Id(6)] string Platform,
    [property: Id(7)] double? ModelLoadAtOpenMilliseconds = null);
