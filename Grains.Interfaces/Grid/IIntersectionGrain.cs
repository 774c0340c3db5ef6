using Orleans.Concurrency;

namespace VisionZero.Grid;

/// <summary>One street corner, keyed by its canonical id (see IntersectionKey.Id).</summary>
[Alias("vz.IIntersectionGrain")]
public interface IIntersectionGrain : IGrainWithStringKey
{
    /// <summary>Applies one ingest batch's changes and writes the state once.</summary>
    [Alias("Apply")]
    Task<PlacementChange> Apply(IntersectionDelta delta);

    /// <summary>The windows as of a day; null when the corner has never had a crash.</summary>
    [ReadOnly, Alias("GetSnapshot")]
    Task<IntersectionSnapshot?> GetSnapshot(DateOnly asOf);
}
