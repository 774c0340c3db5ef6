using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Gps;
using VisionZero.Edge.Sync;
using VisionZero.Grid;
using VisionZero.Ingest;
using VisionZero.Jobs;
using VisionZero.Models;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The edge with its cluster gone: every silo killed mid-replay, it keeps answering from its copy marked stale
/// with its version and as-of day, reconnects by itself when a silo returns, and catches up on the version
/// and the crashes it missed.
/// </summary>
public sealed class OfflineTests : IAsyncLifetime
{
    private const int SiloPort = 24411;
    private const int GatewayPort = 24400;
    private static readonly string Gateway = $"127.0.0.1:{GatewayPort}";
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-offline-").FullName;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    [Fact]
    public async Task Edge_answers_stale_from_its_copy_while_the_cluster_is_down_then_catches_up_by_itself()
    {
        var silo = await SiloProcess.StartAsync(SiloPort, GatewayPort, _database.ConnectionString);
        var first = await WithClientAsync(async client =>
        {
            await new CrashFileIngestor(client).IngestFileAsync(SharedData.Crashes(SharedData.Primary),
                EdgeGridFixture.Today);
            return await TrainAsync(client);
        });
        var trace = await ReadTraceAsync();
        var settings = new EdgeSettings(_folder, AreaSpec.Around(trace[0].Latitude, trace[0].Longitude, 3_000),
            Gateway, HttpPort: 0) { PollInterval = TimeSpan.FromSeconds(1) };
        await using var edge = new EdgeRuntime(settings, NullLoggerFactory.Instance);
        edge.Start();
        await UntilAsync(() => !edge.Stale && edge.Grid.Model?.Version == first && edge.Grid.View.Corners.Count > 0,
            "the edge's first sync");
        var asOf = edge.Grid.AsOf;

        var answers = new ConcurrentQueue<AreaRisk>();
        using var replaying = new CancellationTokenSource();
        var replay = Task.Run(async () =>
        {
            for (var i = 0; !replaying.IsCancellationRequested; i = (i + 1) % trace.Count)
            {
                answers.Enqueue(edge.Answer(trace[i]));
                await Task.Delay(10);
            }
        });

        silo.Kill();
        await silo.DisposeAsync();
        await UntilAsync(() => edge.Stale, "the edge noticing the cluster is gone");
        // An answer given just before the change may be queued just after it: let it land, then start afresh.
        await Task.Delay(100);
        answers.Clear();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var offline = answers.ToArray();
        Assert.NotEmpty(offline);
        Assert.All(offline, a => Assert.True(a.Stale && a.ModelVersion == first && a.AsOf == asOf));
        Assert.Contains(offline, a => a.Corners.Length > 0 && a.HighestClass is not null);
        Assert.False(edge.Status().Connected);
        Assert.NotNull(edge.Status().LastError);

        await using var back = await SiloProcess.StartAsync(SiloPort, GatewayPort, _database.ConnectionString);
        var touched = edge.Grid.View.Corners.Where(c => c.Name.Contains("FLATBUSH", StringComparison.Ordinal))
            .Take(5).ToList();
        var second = await WithClientAsync(async client =>
        {
            await IngestAtAsync(client, touched);
            var version = await TrainAsync(client);
            await client.GetGrain<IModelRegistryGrain>(0)
                .ForcePromote(version, ModelStage.Production, "tests", "missed");
            return version;
        });
        // The answers' view is rescored after the grid takes the new version: wait for an answer that carries it.
        await UntilAsync(() => !edge.Stale && edge.Grid.Model?.Version == second
            && touched.All(t => edge.Grid.View.Corners.Single(c => c.Id == t.Id).History.Count == t.History.Count + 1)
            && edge.Answer(trace[0].Latitude, trace[0].Longitude, null) is { Stale: false } fresh
            && fresh.ModelVersion == second,
            "the edge catching up on the version and the crashes it missed", TimeSpan.FromSeconds(90));
        await Task.Delay(100);
        answers.Clear();
        await Task.Delay(200);
        Assert.All(answers.ToArray(), a => Assert.True(!a.Stale && a.ModelVersion == second));
        await replaying.CancelAsync();
        await replay;
    }

    private static async Task<T> WithClientAsync<T>(Func<IClusterClient, Task<T>> use)
    {
        await using var link = ClusterLink.Create(Gateway, null, NullLoggerFactory.Instance);
        link.Start();
        return await use(await link.Connected.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task<int> TrainAsync(IClusterClient client)
    {
        var status = await GridJobRunner.RunAsync(client, GridJobKind.Train, "edge tests");
        Assert.True(status.State == "Succeeded", $"training {status.State}: {status.Error}");
        return status.Version!.Value;
    }

    private static async Task IngestAtAsync(IClusterClient client, IReadOnlyList<CornerCopy> corners)
    {
        var latest = await client.GetGrain<IDataClockGrain>(0).GetLatestCrashDate() ?? EdgeGridFixture.Today;
        using var input = NewCrashes.Csv(corners, latest, firstCollisionId: 980_000_000);
        var summary = await new CrashFileIngestor(client).IngestAsync(input, "missed.csv", EdgeGridFixture.Today);
        Assert.Equal(corners.Count, summary.Accepted);
    }

    private static async Task<List<GpsFix>> ReadTraceAsync()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Traces", "flatbush-avenue.csv");
        var fixes = new List<GpsFix>();
        await foreach (var fix in new FixFilter().AcceptAsync(TraceFiles.ReadAsync(path)))
            fixes.Add(fix);
        return fixes;
    }

    private static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
                throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
