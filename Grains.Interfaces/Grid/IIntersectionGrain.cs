using System.Collections.Immutable;
using Orleans.Concurrency;
using VisionZero.Risk;

namespace VisionZero.Grid;

/// <summary>One street corner, keyed by its canonical id (see IntersectionKey.Id).</summary>
[Alias("vz.IIntersectionGrain")]
public interface IIntersectionGrain : IGrainWithStringKey
{
    /// <summary>Applies one ingest batch's changes and writes the state once.</summary>
    [Alias("Apply")]
    Task<PlacementChange> Apply(IntersectionDelta delta);

    /// <summary>
    /// Where the corner would stand once <paramref name="delta"/> is applied, without applying it: an ingest
    /// run places a corner it is about to change before attributing coordinate-only crashes to it.
    /// </summary>
    [ReadOnly, Alias("PlacementAfter")]
    Task<IntersectionPlacement> PlacementAfter(IntersectionDelta delta);

    /// <summary>The windows as of a day; null when the corner has never had a crash.</summary>
    [ReadOnly, Alias("GetSnapshot")]
    Task<IntersectionSnapshot?> GetSnapshot(DateOnly asOf);

    /// <summary>
    /// Features and labels as of many days in one call (training snapshots); labels only where the
    /// horizon after the day ends on or before <paramref name="labelsUntil"/>.
    /// </summary>
    [ReadOnly, Alias("GetTrainingRows")]
    Task<TrainingRows> GetTrainingRows(ImmutableArray<DateOnly> asOfDays, DateOnly labelsUntil);

    /// <summary>
    /// The corner's crashes for a client that scores it itself; only the identity and digest when the client's
    /// <paramref name="knownDigest"/> is current. Null when the corner has never had a crash.
    /// </summary>
    [ReadOnly, Alias("GetHistory")]
    Task<IntersectionHistory?> GetHistory(string? knownDigest);
}
