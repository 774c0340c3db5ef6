namespace VisionZero.Grid;

/// <summary>What applying a delta did: the placement before (null if the corner was new) and after.</summary>
[GenerateSerializer, Immutable, Alias("vz.PlacementChange")]
public sealed record PlacementChange(
    [property: Id(0)] IntersectionPlacement? Before,
    [property: Id(1)] IntersectionPlacement After);
