using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Grid;

/// <summary>Queries that span many intersections; a stateless worker so every silo answers locally.</summary>
[Alias("vz.IGridQueryGrain")]
public interface IGridQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Intersections within the radius, nearest first. asOf null = the data clock.</summary>
    [ReadOnly, Alias("Near")]
    Task<ImmutableArray<NearbyIntersection>> Near(double latitude, double longitude, double radiusM, DateOnly? asOf);

    /// <summary>The area within the radius: a summary of all its corners, and the nearest `limit` of them.</summary>
    [ReadOnly, Alias("Area")]
    Task<NearbyArea> Area(double latitude, double longitude, double radiusM, int limit, DateOnly? asOf);

    /// <summary>The k most dangerous by 1-year crashes (until a model exists).</summary>
    [ReadOnly, Alias("Top"), ResponseTimeout("00:05:00")]
    Task<ImmutableArray<IntersectionSnapshot>> Top(int k, DateOnly? asOf);

    /// <summary>The k most dangerous in one borough (any case), taken from the same kept ranking.</summary>
    [ReadOnly, Alias("TopIn"), ResponseTimeout("00:05:00")]
    Task<ImmutableArray<IntersectionSnapshot>> TopIn(string borough, int k, DateOnly? asOf);

    [ReadOnly, Alias("Resolve")]
    Task<IntersectionSnapshot?> Get(string intersectionId, DateOnly? asOf);

    [ReadOnly, Alias("CountIntersections")]
    Task<int> CountIntersections();
}
