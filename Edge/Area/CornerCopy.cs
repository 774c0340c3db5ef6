using VisionZero.Grid;

namespace VisionZero.Edge.Area;

/// <summary>The edge's copy of one intersection: who and where it is, and its crashes.</summary>
public sealed record CornerCopy(
    string Id, string Name, string? Borough, double? Latitude, double? Longitude, string Digest, CrashHistory History);
