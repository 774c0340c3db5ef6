using System.Collections.Immutable;

namespace VisionZero.Grid;

/// <summary>
/// An intersection's identity and crashes, for a client that scores it itself (the edge). Crashes is
/// empty, and Unchanged true, when the client already holds the history with this Digest.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.IntersectionHistory")]
public sealed record IntersectionHistory(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Borough,
    [property: Id(3)] double? Latitude,
    [property: Id(4)] double? Longitude,
    [property: Id(5)] string Digest,
    [property: Id(6)] bool Unchanged,
    [property: Id(7)] ImmutableArray<CrashEntry> Crashes);
