using VisionZero.Grains.Models;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public sealed class InMemoryModelRegistryStoreTests : ModelRegistryStoreTests
{
    protected override Task<IModelRegistryStore> CreateStoreAsync() =>
        Task.FromResult<IModelRegistryStore>(new InMemoryModelRegistryStore());
}
