using Orleans.TestingHost;
using VisionZero.Ingest;

namespace VisionZero.Grid.Tests;

/// <summary>
/// A 2-silo cluster on PostgreSQL with the primary Brooklyn file ingested once, shared by read-only tests.
/// </summary>
public sealed class PrimaryGridFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public TestDatabase Database { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;
    public IngestSummary Summary { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cluster = await GridCluster.StartAsync(Database.ConnectionString, silos: 2);
        Summary = await new CrashFileIngestor(Client).IngestFileAsync(SharedData.Crashes(SharedData.Primary), Today);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PrimaryGridCollection : ICollectionFixture<PrimaryGridFixture>
{
    public const string Name = "primary grid";
}
