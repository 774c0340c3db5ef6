namespace VisionZero.Grid;

[GenerateSerializer, Immutable, Alias("vz.NearbyIntersection")]
public sealed record NearbyIntersection(
    [property: Id(0)] IntersectionSnapshot Intersection,
    [property: Id(1)] double DistanceM);
