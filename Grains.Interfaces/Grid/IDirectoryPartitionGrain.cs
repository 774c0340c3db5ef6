using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Grid;

/// <summary>
/// One of <see cref="DirectoryPartitions.Count"/> slices of the list of every intersection
/// (keyed by partition number), so enumerating and ranking the grid never funnels through one grain.
/// </summary>
[Alias("vz.IDirectoryPartitionGrain")]
public interface IDirectoryPartitionGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task Upsert(ImmutableArray<IntersectionPlacement> placements);

    [ReadOnly, Alias("GetAll")]
    Task<ImmutableArray<IntersectionPlacement>> GetAll();

    [ReadOnly, Alias("Count")]
    Task<int> Count();

    /// <summary>This slice's top <paramref name="k"/> by 1-year crashes as of the day (then 5-year, then id).</summary>
    // It asks every member, activating each from storage on a cold silo: as long as the grid query that waits on it.
    [ReadOnly, Alias("Top"), ResponseTimeout("00:05:00")]
    Task<ImmutableArray<IntersectionSnapshot>> Top(int k, DateOnly asOf);
}
