using VisionZero.Grains.Models;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The edge devices' reports in the registry store (vz-edge eval's uploads): kept whole per version, the newest
/// first, one per device and cutoff, refused for a version that is not registered; the same in every store.
/// </summary>
public abstract partial class ModelRegistryStoreTests
{
    private static readonly DateOnly Cutoff = new(2021, 5, 14);
    private static readonly DateTimeOffset Measured = new(2026, 12, 4, 18, 33, 49, 773, 241, TimeSpan.Zero);

    [Fact]
    public async Task An_edge_evaluation_comes_back_whole_with_its_version_only()
    {
        await AddAsync();
        await AddAsync();
        var sent = ModelDrafts.Evaluation(2, "edge-2a407e2cc098", Cutoff, Measured);
        await Store.AddEdgeEvaluationAsync(sent);

        var stored = Assert.Single(await Store.EdgeEvaluationsAsync(2));
        Assert.Equal(ModelJson.Serialize(sent), ModelJson.Serialize(stored));
        Assert.Empty(await Store.EdgeEvaluationsAsync(1));
    }

    [Fact]
    public async Task A_device_evaluating_a_cutoff_again_replaces_its_report_and_the_newest_comes_first()
    {
        await AddAsync();
        await Store.AddEdgeEvaluationAsync(ModelDrafts.Evaluation(1, "edge-a", Cutoff, Measured));
        await Store.AddEdgeEvaluationAsync(ModelDrafts.Evaluation(1, "edge-b", Cutoff, Measured.AddMinutes(1)));
        await Store.AddEdgeEvaluationAsync(ModelDrafts.Evaluation(1, "edge-a", Cutoff.AddDays(-30), Measured));
        var again = ModelDrafts.Evaluation(1, "edge-a", Cutoff, Measured.AddMinutes(2)) with { Intersections = 7 };
        await Store.AddEdgeEvaluationAsync(again);

        var reports = await Store.EdgeEvaluationsAsync(1);
        Assert.Equal(
            [("edge-a", Cutoff, 7), ("edge-b", Cutoff, 506), ("edge-a", Cutoff.AddDays(-30), 506)],
            reports.Select(r => (r.DeviceId, r.Cutoff, r.Intersections)));
    }

    [Fact]
    public async Task A_report_on_a_version_that_is_not_registered_is_refused_naming_it()
    {
        await AddAsync();
        var refused = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Store.AddEdgeEvaluationAsync(ModelDrafts.Evaluation(9, "edge-a", Cutoff, Measured)));
        Assert.Contains("model version 9", refused.Message);
        Assert.Empty(await Store.EdgeEvaluationsAsync(9));
    }

    [Fact]
    public async Task A_report_without_a_device_is_refused_and_hostile_texts_are_stored_safely()
    {
        await AddAsync();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.AddEdgeEvaluationAsync(ModelDrafts.Evaluation(1, " ", Cutoff, Measured)));
        var hostile = ModelDrafts.Evaluation(1, "edge\0'; DROP TABLE vz_model_version; --", Cutoff, Measured)
            with { Area = "area\0" };
        await Store.AddEdgeEvaluationAsync(hostile);

        var stored = Assert.Single(await Store.EdgeEvaluationsAsync(1));
        Assert.Equal("edge\uFFFD'; DROP TABLE vz_model_version; --", stored.DeviceId);
        Assert.Equal("area\uFFFD", stored.Area);
        Assert.Single(await Store.ListAsync());
    }
}
