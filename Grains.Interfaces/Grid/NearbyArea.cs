using System.Collections.Immutable;
using VisionZero.Risk;

namespace VisionZero.Grid;

/// <summary>
/// The risk of the area around a point: a summary over every corner within the radius, and the nearest of them.
/// The summary is made where the corners are, so an answer carries only the corners it lists.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.NearbyArea")]
public sealed record NearbyArea(
    [property: Id(0)] int Intersections,
    [property: Id(1)] RiskClass? HighestClass,
    [property: Id(2)] double? ExpectedCrashes,
    [property: Id(3)] int? ModelVersion,
    [property: Id(4)] ImmutableArray<NearbyIntersection> Nearest)
{
    public static readonly NearbyArea Empty = new(0, null, null, null, []);
}
