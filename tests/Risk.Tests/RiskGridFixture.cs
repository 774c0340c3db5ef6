using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Ingest;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>
/// A 2-silo cluster on PostgreSQL with the primary Brooklyn file ingested and the first model trained
/// through the real training job (it promotes itself: nothing was in production).
/// </summary>
public sealed class RiskGridFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>A drop folder that does not exist: the ingest job must fail, saying so.</summary>
    public static readonly string MissingDropFolder =
        Path.Combine(Path.GetTempPath(), "vz-no-such-folder-" + Guid.NewGuid().ToString("N"));

    public TestDatabase Database { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;
    public ModelVersionInfo First { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IModelRegistryGrain Registry => Client.GetGrain<IModelRegistryGrain>(0);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cluster = await GridCluster.StartAsync(Database.ConnectionString, silos: 2,
            new Dictionary<string, string?>
            {
                ["Jobs:IngestSource"] = MissingDropFolder,
                // The tests here train many versions: each is gated only when a test asks (OfflineGateJobTests).
                ["Rollout:Gate:AfterTraining"] = "false",
                ["Rollout:Gate:OnFail"] = "retrain",
            });
        await new CrashFileIngestor(Client).IngestFileAsync(SharedData.Crashes(SharedData.Primary), Today);
        var status = await RunJobAsync(GridJobKind.Train);
        Assert.True(status.State == "Succeeded", $"first training job {status.State}: {status.Error}");
        First = (await Registry.Get(status.Version!.Value))!;
        // The job returns when the version is registered; the silos pick it up on their next poll.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!SiloModels().All(m => m.Current?.Version == First.Version))
            await Task.Delay(50, timeout.Token);
    }

    public Task<GridJobStatus> RunJobAsync(GridJobKind kind) => GridJobRunner.RunAsync(Client, kind, "tests");

    /// <summary>Each silo's own production model holder (what its grains score with).</summary>
    public IEnumerable<ServingModels> SiloModels() => Cluster.Silos
        .Cast<InProcessSiloHandle>()
        .Select(s => s.SiloHost.Services.GetRequiredService<ServingModels>());

    /// <summary>A version trained with other parameters, through the silo's own training service.</summary>
    public Task<ModelVersionInfo> TrainOtherAsync() =>
        TrainAsync(new RiskTrainerParameters(Trees: 30, Leaves: 6), "tests");

    /// <summary>A version of the recipe, registered as asked for by <paramref name="by"/>.</summary>
    public Task<ModelVersionInfo> TrainAsync(RiskTrainerParameters recipe, string by) => Cluster.Silos
        .Cast<InProcessSiloHandle>()
        .First().SiloHost.Services
        .GetRequiredService<ModelTrainingService>()
        .TrainAsync(by, recipe, "another version");

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RiskGridCollection : ICollectionFixture<RiskGridFixture>
{
    public const string Name = "risk grid";
}
