using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Ingest;
using VisionZero.Jobs;
using VisionZero.Models;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// A 2-silo cluster on PostgreSQL with the primary Brooklyn file ingested and a model trained by the real
/// job and in production: what the edge syncs from and is compared with. Its silos listen on TCP, so whole
/// vz-edge runtimes connect to its gateway as devices do.
/// </summary>
public sealed class EdgeGridFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public TestDatabase Database { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IModelRegistryGrain Registry => Client.GetGrain<IModelRegistryGrain>(0);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cluster = await GridCluster.StartAsync(Database.ConnectionString, silos: 2, overTcp: true);
        await new CrashFileIngestor(Client).IngestFileAsync(SharedData.Crashes(SharedData.Primary), Today);
        var status = await GridJobRunner.RunAsync(Client, GridJobKind.Train, "edge tests");
        Assert.True(status.State == "Succeeded", $"training job {status.State}: {status.Error}");
        await SilosServeAsync(status.Version!.Value);
    }

    /// <summary>Waits until every silo's grains score with the version.</summary>
    public async Task SilosServeAsync(int version)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Cluster.Silos.Cast<InProcessSiloHandle>()
                   .All(s => s.SiloHost.Services.GetRequiredService<ServingModels>().Current?.Version == version))
            await Task.Delay(50, timeout.Token);
    }

    /// <summary>Another version, trained with other parameters through a silo's own training service.</summary>
    public Task<ModelVersionInfo> TrainOtherAsync() => Cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost
        .Services.GetRequiredService<ModelTrainingService>()
        .TrainAsync("edge tests", new RiskTrainerParameters(Trees: 30, Leaves: 6), "another version");

    public async Task DisposeAsync()
    {
        // InitializeAsync may have failed part way (no PostgreSQL): dispose what exists.
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        if (Database is not null)
            await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EdgeGridCollection : ICollectionFixture<EdgeGridFixture>
{
    public const string Name = "edge grid";
}
