using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using VisionZero.Grid;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>
/// Promotion, rollback and refusal as every silo and grain sees them. Each test sets the production version
/// it starts from.
/// </summary>
[Collection(RiskGridCollection.Name)]
public sealed class PushTests(RiskGridFixture grid)
{
    private static readonly TimeSpan PushDeadline = TimeSpan.FromSeconds(5);
    private static readonly DateOnly Day = new(2021, 11, 12);

    [Fact]
    public async Task
        A_promotion_reaches_every_silo_and_grain_within_five_seconds_and_rollback_restores_the_previous_answers()
    {
        await ServeAsync(grid.First.Version);
        var before = await AnswersAsync();
        Assert.All(before, a => Assert.Equal(grid.First.Version, a.Version));
        var other = await grid.TrainOtherAsync();
        Assert.Equal(ModelStage.Candidate, other.Stage);

        var watch = Stopwatch.StartNew();
        await grid.Registry.ForcePromote(other.Version, ModelStage.Production, "tests", "push test");
        await WhenAllSilosServeAsync(other.Version);
        var after = await AnswersAsync();
        Assert.True(watch.Elapsed < PushDeadline, $"push took {watch.Elapsed}");
        Assert.All(after, a => Assert.Equal(other.Version, a.Version));
        Assert.Contains(after.Zip(before), p => Math.Abs(p.First.Score - p.Second.Score) > 1e-6);

        await grid.Registry.Rollback("tests", "rollback test");
        await WhenAllSilosServeAsync(grid.First.Version);
        Assert.Equal(before, await AnswersAsync());
        Assert.Equal(ModelStage.Archived, (await grid.Registry.Get(other.Version))!.Stage);
    }

    [Fact]
    public async Task A_canary_version_scores_its_slice_of_corners_on_every_silo_and_production_keeps_the_rest()
    {
        await ServeAsync(grid.First.Version);
        var canary = await grid.TrainOtherAsync();
        var slice = grid.SiloModels().First();
        var corners = new List<string>();
        for (var partition = 0; partition < DirectoryPartitions.Count; partition++)
            corners.AddRange(
                (await grid.Client.GetGrain<IDirectoryPartitionGrain>(partition).GetAll()).Select(p => p.Id));
        await grid.Registry.Promote(canary.Version, ModelStage.Canary, "tests", "canary test");
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!grid.SiloModels().All(m => m.Canary?.Version == canary.Version))
            {
                Assert.True(deadline.Elapsed < PushDeadline, "the canary did not reach every silo within 5 s");
                await Task.Delay(50);
            }
            var served = new Dictionary<string, int>();
            foreach (var id in corners)
                served[id] = (await grid.Client.GetGrain<IIntersectionGrain>(id).GetSnapshot(Day))!.Risk!.ModelVersion;
            Assert.All(corners, id =>
                Assert.Equal(slice.InCanarySlice(id) ? canary.Version : grid.First.Version, served[id]));
            // About the configured 10 % of the corners, whichever silo holds them.
            Assert.InRange(served.Values.Count(v => v == canary.Version), corners.Count / 20, corners.Count / 5);
            Assert.Equal(grid.First.Version, (await grid.Registry.GetServing()).Production?.Version);
        }
        finally
        {
            await grid.Registry.Promote(canary.Version, ModelStage.Archived, "tests", "canary over");
        }
        var stopped = Stopwatch.StartNew();
        while (grid.SiloModels().Any(m => m.Canary is not null))
        {
            Assert.True(stopped.Elapsed < PushDeadline, "the canary was still served 5 s after it was archived");
            await Task.Delay(50);
        }
        Assert.All(await AnswersAsync(), a => Assert.Equal(grid.First.Version, a.Version));
    }

    [Fact]
    public async Task An_artifact_that_does_not_match_its_sha256_is_refused_and_the_silos_keep_serving()
    {
        await ServeAsync(grid.First.Version);
        var artifact = (await grid.Registry.GetArtifact(grid.First.Version))!;
        var copy = await grid.Registry.Register(grid.First.Details, artifact, "tests");
        // Someone changes the stored bytes behind the registry's back.
        await using (var connection = new NpgsqlConnection(grid.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var corrupt = new NpgsqlCommand(
                "UPDATE vz_model_version SET artifact = overlay(artifact PLACING '\\xdeadbeef'::bytea FROM 200) " +
                "WHERE version = $1",
                connection);
            corrupt.Parameters.AddWithValue(copy.Version);
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }
        await grid.Registry.ForcePromote(copy.Version, ModelStage.Production, "tests", "corrupted on purpose");
        await Task.Delay(PushDeadline);
        Assert.All(grid.SiloModels(), m => Assert.Equal(grid.First.Version, m.Current?.Version));
        Assert.All(await AnswersAsync(), a => Assert.Equal(grid.First.Version, a.Version));
        await ServeAsync(grid.First.Version);
    }

    [Fact]
    public async Task A_client_outside_the_cluster_is_told_of_a_promotion_and_can_fetch_the_bytes()
    {
        await ServeAsync(grid.First.Version);
        var other = await grid.TrainOtherAsync();
        var observer = new RecordingObserver();
        var reference = grid.Client.CreateObjectReference<IModelObserver>(observer);
        await grid.Registry.Subscribe(reference);
        try
        {
            await grid.Registry.ForcePromote(other.Version, ModelStage.Production, "tests", "observer test");
            var told = await observer.Next.Task.WaitAsync(PushDeadline);
            Assert.Equal(other.Version, told?.Version);
            var bytes = await grid.Registry.GetArtifact(told!.Version);
            Assert.Equal(told.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes!)));
        }
        finally
        {
            await grid.Registry.Unsubscribe(reference);
            grid.Client.DeleteObjectReference<IModelObserver>(reference);
            await ServeAsync(grid.First.Version);
        }
    }

    private sealed class RecordingObserver : IModelObserver
    {
        public TaskCompletionSource<ModelVersionInfo?> Next { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ProductionChanged(ModelVersionInfo? production)
        {
            Next.TrySetResult(production);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_silo_that_joins_later_starts_on_the_current_version()
    {
        await ServeAsync(grid.First.Version);
        var joined = (InProcessSiloHandle)await grid.Cluster.StartAdditionalSiloAsync();
        try
        {
            var model = joined.SiloHost.Services.GetRequiredService<VisionZero.Grains.Risk.Serving.ServingModels>();
            var deadline = Stopwatch.StartNew();
            while (model.Current?.Version != grid.First.Version)
            {
                Assert.True(deadline.Elapsed < PushDeadline, $"the new silo serves {model.Current?.Version}");
                await Task.Delay(50);
            }
        }
        finally
        {
            await grid.Cluster.StopSiloAsync(joined);
        }
    }

    [Fact]
    public async Task Rollback_with_a_single_production_version_in_history_is_refused()
    {
        await ServeAsync(grid.First.Version);
        var history = await grid.Registry.History(null);
        if (history.Where(h => h.To == ModelStage.Production).Select(h => h.Version).Distinct().Count() > 1)
            return; // another test has promoted a second version already; the refusal needs a fresh registry
        await Assert.ThrowsAsync<InvalidOperationException>(() => grid.Registry.Rollback("tests", "nothing before"));
    }

    private async Task ServeAsync(int version)
    {
        if ((await grid.Registry.GetProduction())?.Version != version)
            await grid.Registry.ForcePromote(version, ModelStage.Production, "tests", "test set-up");
        await WhenAllSilosServeAsync(version);
    }

    private async Task WhenAllSilosServeAsync(int version)
    {
        var deadline = Stopwatch.StartNew();
        while (!grid.SiloModels().All(m => m.Current?.Version == version))
        {
            Assert.True(
                deadline.Elapsed < PushDeadline,
                $"silos serve {string.Join(", ", grid.SiloModels().Select(m => m.Current?.Version))}, not {version}");
            await Task.Delay(50);
        }
    }

    /// <summary>Many corners (spread over both silos) as of one day: the version and score each answers with.</summary>
    private async Task<List<(string Id, int Version, double Score)>> AnswersAsync()
    {
        var all = await grid.Client.GetGrain<IDirectoryPartitionGrain>(3).GetAll();
        var answers = new List<(string, int, double)>();
        foreach (var placement in all.OrderBy(p => p.Id, StringComparer.Ordinal).Take(30))
        {
            var snapshot = (await grid.Client.GetGrain<IIntersectionGrain>(placement.Id).GetSnapshot(Day))!;
            answers.Add((placement.Id, snapshot.Risk!.ModelVersion, snapshot.Risk.RiskScore));
        }
        return answers;
    }
}
