using VisionZero.Grains.Storage;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>One private database with the project's schema, for the PostgreSQL uplink store's tests.</summary>
public sealed class UplinkDatabase : IAsyncLifetime
{
    public TestDatabase Test { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Test = await TestDatabase.CreateAsync();
        await PostgresSchema.EnsureAsync(Test.ConnectionString);
    }

    public Task DisposeAsync() => Test.DisposeAsync().AsTask();
}
