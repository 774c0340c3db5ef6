using VisionZero.Grains.Risk.Training;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The offline gate as a job on a two-silo cluster on PostgreSQL: a candidate trained on shuffled labels stops there
/// with its reasons kept, and the configured follow-up (here a retrain) is queued once, not for its own candidate.
/// </summary>
[Collection(RiskGridCollection.Name)]
public class OfflineGateJobTests(RiskGridFixture grid)
{
    [Fact]
    public async Task A_candidate_trained_on_shuffled_labels_fails_naming_capture_and_a_retrain_is_queued_once()
    {
        var shuffled = await grid.TrainAsync(new RiskTrainerParameters(ShuffledLabels: true), "tests");
        Assert.Equal("shuffled", shuffled.Details.Parameters["labels"]);
        var production = (await grid.Registry.GetProduction())!.Version;

        var gate = await GateAsync(shuffled.Version);

        Assert.True(gate.State == "Succeeded", $"{gate.State}: {gate.Error}");
        Assert.StartsWith(
            $"version {shuffled.Version} failed the offline gate: against production version {production}",
            gate.Result);
        var step = Assert.Single(await grid.Registry.Rollout(shuffled.Version));
        Assert.Equal((RolloutNames.OfflineGate, RolloutNames.Failed), (step.Step, step.Verdict));
        Assert.Contains("capture5 vs production: median -", step.Why);
        Assert.Contains(step.Figures, f => f is { Metric: "capture5", Against: "production", Held: false });
        Assert.Equal("retrain", step.Settings["onFail"]);
        Assert.Equal(production.ToString(), step.Settings["production"]);
        // Nothing changed in production: a gate only judges.
        Assert.Equal(production, (await grid.Registry.GetProduction())!.Version);

        // The follow-up: a training job asked for by the gate; it registers a candidate of the default recipe.
        var followUpJob = System.Text.RegularExpressions.Regex.Match(gate.Result!, @"(queued|joined) train job (\S+)$")
            .Groups[2].Value;
        Assert.NotEmpty(followUpJob);
        var retrained = await GridJobRunner.FollowAsync(grid.Client, followUpJob, GridJobKind.Train);
        Assert.True(retrained.State == "Succeeded", $"{retrained.State}: {retrained.Error}");
        var registered = (await grid.Registry.History(retrained.Version!.Value))[0];
        Assert.Equal($"offline gate (version {shuffled.Version} failed)", registered.By);

        // A failed follow-up queues nothing more: a shuffled candidate registered as the gate's own follow-up.
        var again = await grid.TrainAsync(new RiskTrainerParameters(ShuffledLabels: true), registered.By);
        var second = await GateAsync(again.Version);
        Assert.EndsWith("it was itself a failed gate's follow-up: nothing more is queued", second.Result);
    }

    [Fact]
    public async Task A_gate_for_a_version_not_registered_or_already_in_production_is_refused_naming_it()
    {
        var jobs = grid.Client.GetGrain<IGridJobsGrain>(0);
        var unknown = await Assert.ThrowsAsync<KeyNotFoundException>(() => jobs.StartGate(9999, "tests"));
        Assert.Equal("model version 9999 is not registered", unknown.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grid.Registry.Rollout(9999));

        var production = (await grid.Registry.GetProduction())!.Version;
        var status = await GateAsync(production);
        Assert.Equal("Failed", status.State);
        Assert.Contains($"model version {production} is in production already: nothing to gate", status.Error);
        Assert.Empty(await grid.Registry.Rollout(production));
    }

    [Fact]
    public async Task Production_takes_only_a_gated_version_unless_forced_and_steps_move_only_what_they_saw()
    {
        var production = (await grid.Registry.GetProduction())!;
        var unjudged = await grid.TrainOtherAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => grid.Registry.Promote(
            unjudged.Version, ModelStage.Production, "tests", "skipping the gate"));
        Assert.Contains($"model version {unjudged.Version} has not passed the offline gate (it has not been judged)",
            refused.Message);
        Assert.Contains($"vz promote {unjudged.Version} --to production --force --why TEXT", refused.Message);
        Assert.Equal(production.Version, (await grid.Registry.GetProduction())!.Version);
        // Stages short of production need no gate.
        await grid.Registry.Promote(unjudged.Version, ModelStage.Staging, "tests", "staging needs no verdict");
        // The rollout's steps move a version only from the stage they saw it in, and through the same gates.
        Assert.Null(await grid.Registry.Advance(
            unjudged.Version, ModelStage.Candidate, ModelStage.Canary, "tests", "seen as candidate, moved since"));
        Assert.Equal(ModelStage.Staging, (await grid.Registry.Get(unjudged.Version))!.Stage);
        Assert.Equal(ModelStage.Canary, (await grid.Registry.Advance(
            unjudged.Version, ModelStage.Staging, ModelStage.Canary, "tests", "canary soak"))!.Stage);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grid.Registry.Advance(
            unjudged.Version, ModelStage.Canary, ModelStage.Production, "tests", "no verdict"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grid.Registry.Advance(
            9999, ModelStage.Canary, ModelStage.Production, "tests", "unknown"));

        var forced = await grid.Registry.ForcePromote(unjudged.Version, ModelStage.Production, "tests", "hotfix");
        Assert.Equal(ModelStage.Production, forced.Stage);
        var line = (await grid.Registry.History(unjudged.Version))[^1];
        Assert.Equal(("tests", "forced past the rollout's gates: hotfix"), (line.By, line.Why));

        // Back to the version before: it has been in production, so it needs no verdict (nor does a rollback).
        await grid.Registry.Promote(production.Version, ModelStage.Production, "tests", "restore");
        Assert.Equal(production.Version, (await grid.Registry.GetProduction())!.Version);
    }

    private async Task<GridJobStatus> GateAsync(int version)
    {
        var start = await grid.Client.GetGrain<IGridJobsGrain>(0).StartGate(version, "tests");
        Assert.Equal(GridJobKind.Gate, start.Kind);
        return await GridJobRunner.FollowAsync(grid.Client, start.JobId, GridJobKind.Gate);
    }
}
