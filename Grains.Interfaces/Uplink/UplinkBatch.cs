using System.Collections.Immutable;

namespace VisionZero.Uplink;

/// <summary>
/// What an edge uploads at once: consecutive entries of its log, oldest first. DroppedThrough is the highest
/// sequence number the edge dropped unsent because its log was full (0 when none): the grid then knows those
/// numbers will never come, and a batch may start right after them.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.UplinkBatch")]
public sealed record UplinkBatch(
    [property: Id(0)] long DroppedThrough,
    [property: Id(1)] ImmutableArray<UplinkEntry> Entries);
