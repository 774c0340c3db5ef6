using VisionZero.CrashData;
using VisionZero.Ingest;

namespace VisionZero.Grid.Tests;

/// <summary>Base for tests that change the grid: each test gets its own database and one-silo cluster.</summary>
public abstract class SingleSiloGridTest : IAsyncLifetime
{
    protected static readonly DateOnly Today = new(2026, 11, 26);

    protected TestDatabase Database { get; private set; } = null!;

    protected Orleans.TestingHost.TestCluster Cluster { get; set; } = null!;

    protected Task<IngestSummary> IngestAsync(Stream export, string name = "test.csv") =>
        new CrashFileIngestor(Cluster.Client, batchSize: 2).IngestAsync(export, name, Today);

    protected Task<IntersectionSnapshot?> GetAsync(string name, string asOf = "2020-12-31") =>
        Cluster.Client.GetGrain<IIntersectionGrain>(IntersectionKey.Parse(name)!.Id).GetSnapshot(DateOnly.Parse(asOf));

    /// <summary>A run that has stored one crash and was never completed, as a client that died leaves it.</summary>
    protected async Task<IIngestRunGrain> StartRunWithOneCrashAsync(string source, long id, string on, string cross)
    {
        var run = Cluster.Client.GetGrain<IIngestRunGrain>(Guid.NewGuid());
        await run.Start(source);
        using var reader = await CrashFileReader.OpenAsync(
            CsvText.Export(CsvText.Row(id, "07/01/2020", on, cross)), Today);
        await foreach (var row in reader.ReadAsync())
            await run.AddBatch([row.Record!], []);
        return run;
    }

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
