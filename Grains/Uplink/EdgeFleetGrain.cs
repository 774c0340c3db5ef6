using System.Collections.Immutable;
using Orleans.Concurrency;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>The list of devices, read from the store by whichever silo is asked.</summary>
[StatelessWorker]
public sealed class EdgeFleetGrain(IEdgeUplinkStore store) : Grain, IEdgeFleetGrain
{
    public Task<ImmutableArray<EdgeDeviceSummary>> ListDevices() => store.ListDevicesAsync();
}
