namespace VisionZero.Grid.Tests;

/// <summary>Base for tests that change the grid: each test gets its own database and one-silo cluster.</summary>
public abstract class SingleSiloGridTest : IAsyncLifetime
{
    protected static readonly DateOnly Today = new(2026, 11, 26);

    protected TestDatabase Database { get; private set; } = null!;

    protected Orleans.TestingHost.TestCluster Cluster { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cluster = await GridCluster.StartAsync(Database.ConnectionString, silos: 1);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
