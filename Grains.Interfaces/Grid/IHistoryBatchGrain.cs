using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Grid;

/// <summary>
/// Many corners' histories in one call from a client outside the cluster (the edge on a mobile network): the
/// silo asks each corner itself and answers only those whose crashes differ from the digest held. A stateless
/// worker, key 0: every silo answers.
/// </summary>
[Alias("vz.IHistoryBatchGrain")]
public interface IHistoryBatchGrain : IGrainWithIntegerKey
{
    /// <summary>The most corners one call may ask for.</summary>
    public const int MaxCorners = 2_000;

    /// <summary>The changed corners' histories, in no particular order; a corner with no crash is left out.</summary>
    [ReadOnly, Alias("Changed")]
    Task<ImmutableArray<IntersectionHistory>> Changed(ImmutableArray<HeldDigest> held);
}
