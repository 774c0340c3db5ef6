namespace VisionZero.Grid;

/// <summary>An intersection's identity and place after a change; the directory and spatial index keep these.</summary>
[GenerateSerializer, Immutable, Alias("vz.IntersectionPlacement")]
public sealed record IntersectionPlacement(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] double? Latitude,
    [property: Id(3)] double? Longitude,
    [property: Id(4)] string? Borough,
    [property: Id(5)] int TotalCrashes);
