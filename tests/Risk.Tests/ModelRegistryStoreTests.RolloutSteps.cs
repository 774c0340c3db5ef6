using System.Collections.Immutable;
using VisionZero.Grains.Models;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The rollout steps in the registry store: appended, never replaced, kept whole with their thresholds and figures,
/// oldest first per version, refused for a version that is not registered; the same in every store.
/// </summary>
public abstract partial class ModelRegistryStoreTests
{
    private static readonly DateTimeOffset Decided = new(2026, 12, 5, 19, 2, 7, 123, 456, TimeSpan.FromHours(-5));

    private static RolloutStep Step(int version, string verdict, string why = "held on capture5 vs production") =>
        new(version, RolloutNames.OfflineGate, verdict, why, Decided, "vz (ana)",
            ImmutableDictionary<string, string>.Empty.Add("replicates", "200").Add("tolerance", "0"),
            [
                new GateComparison("capture5", "production", -0.0123, -0.04, 0.011, -0.0255, true),
                new GateComparison("calibration", "band", 0.93, 0.93, 0.93, 0.25, true),
            ],
            [new StepMeasure("p99Ms", 13.8, 18.1, 28.1, false, true)]);

    [Fact]
    public async Task Rollout_steps_come_back_whole_oldest_first_with_their_version_only()
    {
        await AddAsync();
        await AddAsync();
        var failed = Step(2, RolloutNames.Failed, "worse than allowed");
        var passed = Step(2, RolloutNames.Passed) with { At = Decided.AddMinutes(5) };
        await Store.AddRolloutStepAsync(failed);
        await Store.AddRolloutStepAsync(passed);

        var steps = await Store.RolloutStepsAsync(2);
        Assert.Equal(2, steps.Length);
        // Kept in UTC to the microsecond, as PostgreSQL keeps an instant; otherwise exactly as sent.
        Assert.Equal(
            [ModelJson.Serialize(failed with { At = Decided.ToUniversalTime() }),
             ModelJson.Serialize(passed with { At = Decided.AddMinutes(5).ToUniversalTime() })],
            steps.Select(ModelJson.Serialize));
        Assert.Equal(TimeSpan.Zero, steps[0].At.Offset);
        Assert.Empty(await Store.RolloutStepsAsync(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task A_step_of_a_version_that_is_not_registered_is_refused_naming_it(int version)
    {
        await AddAsync();
        await AddAsync();
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(
            () => Store.AddRolloutStepAsync(Step(version, RolloutNames.Passed)));
        Assert.Contains($"model version {version} is not registered", error.Message);
        Assert.Empty(await Store.RolloutStepsAsync(version));
    }

    [Fact]
    public async Task Hostile_strings_in_a_step_are_stored_safely_and_a_step_without_a_verdict_is_refused()
    {
        await AddAsync();
        const string hostile = "'); DROP TABLE vz_model_rollout_step; --\u0000\u001b[31m{\"x\":1}";
        await Store.AddRolloutStepAsync(Step(1, RolloutNames.Failed, hostile) with { By = hostile });

        var stored = Assert.Single(await Store.RolloutStepsAsync(1));
        Assert.Contains("DROP TABLE vz_model_rollout_step", stored.Why);
        Assert.DoesNotContain('\u0000', stored.Why);
        Assert.DoesNotContain('\u0000', stored.By);
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.AddRolloutStepAsync(Step(1, " ")));
        Assert.Single(await Store.RolloutStepsAsync(1));
    }

    [Fact]
    public void A_step_kept_before_steps_had_measures_reads_back_with_none()
    {
        var json = ModelJson.Serialize(Step(1, RolloutNames.Passed));
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("Measures"), json);

        var read = ModelJson.DeserializeRolloutStep(node.ToJsonString());
        Assert.Empty(read.Measures);
        Assert.Equal(2, read.Figures.Length);
        Assert.Contains("\"Measures\":[]", ModelJson.Serialize(read));
    }
}
