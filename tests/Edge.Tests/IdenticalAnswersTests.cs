using System.Collections.Immutable;
using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;
using VisionZero.Grid;
using VisionZero.Ingest;
using VisionZero.Models;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The edge scores with the grains' own code: for 200 corners and 3 as-of days its score, class,
/// probabilities and version equal the cluster's, and stay equal after a promotion and after an ingest.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class IdenticalAnswersTests(EdgeGridFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-test-").FullName;

    [Fact]
    public async Task Edge_answers_equal_the_clusters_then_after_a_promotion_and_after_an_ingest()
    {
        using var grid = new EdgeGrid(EdgeStore.Open(Path.Combine(_folder, "edge.db")));
        var area = AreaSpec.OfBorough("BROOKLYN");
        var first = await SyncAsync(grid, area);
        Assert.False(first.Skipped);
        Assert.True(first.Corners >= 200, $"{first.Corners} corners synced");
        Assert.Equal(first.Corners, first.Changed);
        var corners = grid.View.Corners.OrderBy(c => c.Id, StringComparer.Ordinal)
            .Where((_, i) => i % Math.Max(1, grid.View.Corners.Count / 200) == 0).Take(200).ToList();
        Assert.Equal(200, corners.Count);
        await AssertSameAsync(grid, corners);

        var other = await fixture.TrainOtherAsync();
        await fixture.Registry.ForcePromote(other.Version, ModelStage.Production, "edge tests", "a second version");
        await fixture.SilosServeAsync(other.Version);
        await SyncAsync(grid, area);
        Assert.Equal(other.Version, grid.Model?.Version);
        await AssertSameAsync(grid, corners);

        var touched = await IngestNewCrashesAsync(corners.Take(10).ToList());
        var after = await SyncAsync(grid, area);
        Assert.False(after.Skipped);
        Assert.Equal(touched, after.Changed);
        await AssertSameAsync(grid, corners);
        var again = await SyncAsync(grid, area);
        Assert.True(again.Skipped, "a second sync with no ingest between moves nothing");
    }

    private async Task<AreaSync.Result> SyncAsync(EdgeGrid grid, AreaSpec area)
    {
        await new ModelSync(fixture.Client, grid).RunAsync();
        return await new AreaSync(fixture.Client, grid).RunAsync(area, CancellationToken.None);
    }

    private async Task AssertSameAsync(EdgeGrid grid, IReadOnlyList<CornerCopy> corners)
    {
        var asOf = grid.AsOf ?? throw new InvalidOperationException("the edge has no as-of day");
        var model = grid.Model ?? throw new InvalidOperationException("the edge has no model");
        var byId = grid.View.Corners.ToDictionary(c => c.Id);
        foreach (var day in new[] { asOf, asOf.AddDays(-91), asOf.AddDays(-365) })
        foreach (var corner in corners)
        {
            var snapshot = await fixture.Client.GetGrain<IIntersectionGrain>(corner.Id).GetSnapshot(day);
            var cluster = snapshot?.Risk ?? throw new InvalidOperationException($"{corner.Id}: no risk from the grain");
            var edge = AreaView.Assess(model, byId[corner.Id], day);
            Assert.Equal(cluster.ModelVersion, edge.ModelVersion);
            Assert.True(Math.Abs(cluster.RiskScore - edge.RiskScore) <= 1e-6,
                $"{corner.Id} as of {day}: cluster {cluster.RiskScore}, edge {edge.RiskScore}");
            Assert.Equal(cluster.RiskClass, edge.RiskClass);
            Assert.Equal(cluster.Probabilities.Length, edge.Probabilities.Length);
            for (var i = 0; i < edge.Probabilities.Length; i++)
                Assert.True(Math.Abs(cluster.Probabilities[i] - edge.Probabilities[i]) <= 1e-9);
        }
    }

    /// <summary>New crashes (new collision ids, the grid's latest day) at the corners' own streets.</summary>
    private async Task<int> IngestNewCrashesAsync(IReadOnlyList<CornerCopy> corners)
    {
        var latest = await fixture.Client.GetGrain<IDataClockGrain>(0).GetLatestCrashDate() ?? EdgeGridFixture.Today;
        using var input = NewCrashes.Csv(corners, latest, firstCollisionId: 990_000_000);
        var summary = await new CrashFileIngestor(fixture.Client).IngestAsync(input, "edge-touch.csv",
            EdgeGridFixture.Today);
        Assert.Equal(corners.Count, summary.Accepted);
        return corners.Count;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
