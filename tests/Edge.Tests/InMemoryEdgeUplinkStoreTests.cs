using VisionZero.Grains.Uplink;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class InMemoryEdgeUplinkStoreTests : EdgeUplinkStoreContract
{
    protected override Task<IEdgeUplinkStore> CreateStoreAsync() =>
        Task.FromResult<IEdgeUplinkStore>(new InMemoryEdgeUplinkStore());
}
