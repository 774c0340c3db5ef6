using System.Text.Json.Nodes;
using Npgsql;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Evaluation;
using VisionZero.Edge.Sync;
using VisionZero.Grains.Models;

namespace VisionZero.Edge.Tests;

/// <summary>
/// An edge's report reaches the registry through its grain, is stored in PostgreSQL whole (read back by a store
/// of its own on the database), replaces the device's earlier report for the same cutoff, and shows with its
/// version at GET /api/models/{v}; a report on a version the registry does not know is refused and dropped.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class EvaluationUploadTests(EdgeGridFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-upload-").FullName;

    [Fact]
    public async Task A_report_round_trips_through_the_registry_and_shows_in_the_api()
    {
        using var grid = await SyncedEdge.OpenAsync(fixture, _folder);
        var device = grid.DeviceId();
        var evaluation = OfflineEvaluator.Evaluate(grid, device, null, lookups: 500);
        grid.KeepEvaluation(evaluation);
        var upload = await new EvaluationUpload(fixture.Client, grid).RunAsync();
        Assert.Equal((1, 0), (upload.Sent, upload.Refused.Count));
        Assert.Empty(grid.PendingEvaluations());

        await using (var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString))
        {
            var stored = (await new PostgresModelRegistryStore(dataSource).EdgeEvaluationsAsync(evaluation.Version))
                .Single(e => e.DeviceId == device);
            Assert.Equal(EdgeJson.Serialize(evaluation), EdgeJson.Serialize(stored));
        }

        var again = evaluation with { EvaluatedAt = evaluation.EvaluatedAt.AddMinutes(1) };
        grid.KeepEvaluation(again);
        Assert.Equal(1, (await new EvaluationUpload(fixture.Client, grid).RunAsync()).Sent);
        var mine = (await fixture.Registry.EdgeEvaluations(evaluation.Version)).Where(e => e.DeviceId == device);
        Assert.Equal(EdgeJson.Serialize(again), EdgeJson.Serialize(Assert.Single(mine)));

        grid.KeepEvaluation(evaluation with { Version = 9_999 });
        var refused = await new EvaluationUpload(fixture.Client, grid).RunAsync();
        Assert.Equal(0, refused.Sent);
        Assert.Contains("model version 9999 is not registered", Assert.Single(refused.Refused));
        Assert.Empty(grid.PendingEvaluations());

        await using var api = await ModelsApi.StartAsync(fixture.Client);
        var version = JsonNode.Parse(await api.Http.GetStringAsync($"/api/models/{evaluation.Version}"))!;
        Assert.NotEmpty(version["backtests"]!.AsArray());
        var shown = version["edgeEvaluations"]!.AsArray().Single(e => e!["deviceId"]!.GetValue<string>() == device)!;
        Assert.Equal(evaluation.Cutoff.ToString("yyyy-MM-dd"), shown["cutoff"]!.GetValue<string>());
        Assert.Equal(evaluation.Intersections, shown["intersections"]!.GetValue<int>());
        Assert.Equal(evaluation.Metrics.MacroF1, shown["metrics"]!["macroF1"]!.GetValue<double>());
        Assert.Equal(evaluation.Metrics.Capture5, shown["metrics"]!["capture5"]!.GetValue<double>());
        Assert.Equal(evaluation.Metrics.Classes[4].F1, shown["metrics"]!["classes"]![4]!["f1"]!.GetValue<double>());
        Assert.Equal(evaluation.Performance.LookupP99Microseconds,
            shown["performance"]!["lookupP99Microseconds"]!.GetValue<double>());
        Assert.Equal(evaluation.Performance.ModelLoadMilliseconds,
            shown["performance"]!["modelLoadMilliseconds"]!.GetValue<double>());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
