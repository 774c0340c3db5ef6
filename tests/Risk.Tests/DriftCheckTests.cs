using VisionZero.Grains.Models;
using VisionZero.Grains.Risk.Drift;
using VisionZero.Jobs;

namespace VisionZero.Risk.Tests;

/// <summary>
/// Drift on the two-silo grid over PostgreSQL: a trained version carries the profile of its training window, the
/// check compares the data clock's day with it feature by feature, and the daily job says what the check found.
/// </summary>
[Collection(RiskGridCollection.Name)]
public sealed class DriftCheckTests(RiskGridFixture grid)
{
    [Fact]
    public void A_trained_version_carries_the_drift_profile_of_its_training_window()
    {
        var details = grid.First.Details;
        var profile = Assert.IsType<Models.DriftReference>(details.Drift);

        Assert.Equal(Math.Min(details.TrainingRows, new DriftSettings().ProfileRows), profile.Rows);
        Assert.Equal((details.TrainedFrom, details.TrainedTo), (profile.From, profile.To));
        Assert.Equal(RiskFeatures.Names.Where(n => n != "month"), profile.Features.Select(b => b.Name));
        Assert.All(profile.Features.Append(profile.Predictions), b => Assert.Equal(1, b.Shares.Sum(), 9));
        Assert.True(profile.Predictions.Edges.Length >= 5, "the predictions spread over several bins");
    }

    [Fact]
    public async Task The_check_compares_the_latest_day_with_the_profile_feature_by_feature()
    {
        var drift = await grid.Client.GetGrain<IGridJobsGrain>(0).GetDrift(grid.First.Version);

        Assert.Equal(new DateOnly(2021, 11, 12), drift.DataAsOf);
        Assert.InRange(drift.Rows, 400, 2_000);
        Assert.Equal(RiskFeatures.Names.Where(n => n != "month"), drift.Features.Select(f => f.Name));
        Assert.All(drift.Features, f => Assert.True(double.IsFinite(f.Psi) && f.Psi >= 0, $"{f.Name}: {f.Psi}"));
        Assert.InRange(drift.PredictionPsi!.Value, 0, 10);
        var past = drift.Features.Select(f => f.Psi).Append(drift.PredictionPsi.Value).Any(p => p > drift.Threshold);
        Assert.Equal(past, drift.Drifted);
        Assert.StartsWith(drift.Drifted ? "drift on 2021-11-12" : "no drift on 2021-11-12", drift.Why);
    }

    [Fact]
    public async Task The_daily_job_reports_what_the_check_found_for_production()
    {
        var drift = await grid.Client.GetGrain<IGridJobsGrain>(0).GetDrift(grid.First.Version);

        // A drifted day would queue a retrain on the grid the other tests share: the sample's latest day is not one.
        Assert.False(drift.Drifted, drift.Why);

        var status = await grid.RunJobAsync(GridJobKind.Drift);

        Assert.Equal("Succeeded", status.State);
        Assert.Equal(drift.Why, status.Result);
    }

    [Fact]
    public async Task An_unknown_version_has_no_drift_and_a_version_stored_before_profiles_reads_with_none()
    {
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(
            () => grid.Client.GetGrain<IGridJobsGrain>(0).GetDrift(999));
        Assert.Contains("999", error.Message);

        var old = System.Text.Json.Nodes.JsonNode.Parse(ModelJson.Serialize(grid.First.Details))!.AsObject();
        Assert.True(old.Remove("Drift"), "the details carry the profile under Drift");
        Assert.Null(ModelJson.Deserialize(old.ToJsonString()).Drift);
        Assert.NotNull(ModelJson.Deserialize(ModelJson.Serialize(grid.First.Details)).Drift);
    }
}
