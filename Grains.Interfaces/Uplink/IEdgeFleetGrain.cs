using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Uplink;

/// <summary>Every device that ever uploaded (a stateless worker, key 0; every silo answers from the store).</summary>
[Alias("vz.IEdgeFleetGrain")]
public interface IEdgeFleetGrain : IGrainWithIntegerKey
{
    /// <summary>The devices, most recently seen first.</summary>
    [ReadOnly, Alias("ListDevices")]
    Task<ImmutableArray<EdgeDeviceSummary>> ListDevices();
}
