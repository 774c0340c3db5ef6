using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Grid;

/// <summary>The intersections located in one ~2 km cell (keyed by GeoMath.CellKey).</summary>
[Alias("vz.ISpatialCellGrain")]
public interface ISpatialCellGrain : IGrainWithStringKey
{
    [Alias("Update")]
    Task Update(ImmutableArray<IntersectionPlacement> upserts, ImmutableArray<string> removals);

    [ReadOnly, Alias("GetMembers")]
    Task<ImmutableArray<IntersectionPlacement>> GetMembers();
}
