using VisionZero.Grains.Rollout;
using VisionZero.Models;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// The staging step of one version: only after a passed offline gate, it moves the version to staging (every silo
/// loads it beside production, serving nobody), load-tests it against production, and keeps the verdict. A version
/// that fails (or whose test could not run) goes back to candidate, which unloads it; one that passes stays in
/// staging.
/// </summary>
public sealed class StagingStep(IGrainFactory grains, StagingLoadTest loadTest, StagingSettings settings)
{
    public StagingSettings Settings => settings;

    public async Task<(bool Passed, string Text)> RunAsync(int version, string by, CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var info = await registry.Get(version)
            ?? throw new KeyNotFoundException($"model version {version} is not registered");
        var production = await registry.GetProduction()
            ?? throw new InvalidOperationException("nothing is in production: staging compares a version with it");
        if (production.Version == version)
            throw new InvalidOperationException($"model version {version} is in production already: nothing to stage");
        var gate = (await registry.Rollout(version)).LastOrDefault(s => s.Step == RolloutNames.OfflineGate);
        if (gate?.Verdict != RolloutNames.Passed)
            throw new InvalidOperationException(
                $"model version {version} has not passed the offline gate: staging takes only a version that did " +
                $"(vz rollout gate {version})");
        if (info.Stage == ModelStage.Canary)
            throw new InvalidOperationException($"model version {version} is the canary: staging is behind it");
        _ = await registry.Advance(version, info.Stage, ModelStage.Staging, by, "staging load test")
            ?? throw new InvalidOperationException($"model version {version} was moved as staging began: not staged");
        string verdict, why;
        var measures = System.Collections.Immutable.ImmutableArray<StepMeasure>.Empty;
        try
        {
            var (current, candidate) =
                await loadTest.RunAsync(version, production.Version, settings, cancellationToken);
            (var passed, why, measures) = StagingJudge.Judge(current, candidate, settings);
            verdict = passed ? RolloutNames.Passed : RolloutNames.Failed;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            (verdict, why) = (RolloutNames.Failed, $"the load test could not run: {e.Message}");
        }
        why = $"against production version {production.Version}; {why}";
        await registry.RecordRolloutStep(new RolloutStep(version, RolloutNames.Staging, verdict, why,
            DateTimeOffset.UtcNow, by, settings.ToDictionary().Add("production", $"{production.Version}"), [],
            measures));
        if (verdict == RolloutNames.Passed)
            return (true, $"version {version} passed staging: {why}");
        var back = await registry.Advance(version, ModelStage.Staging, ModelStage.Candidate, by, "staging failed");
        return (false, $"version {version} failed staging: {why}" +
                       (back is null ? "; it was moved during the test, and left there" : ""));
    }
}
