using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// The registry's single writer (key 0). Its store is PostgreSQL or memory; one activation in the
/// cluster means stage changes never race each other.
/// </summary>
public sealed class ModelRegistryGrain(
    IModelRegistryStore store, IModelEventPublisher changes, ILogger<ModelRegistryGrain> logger)
    : Grain, IModelRegistryGrain
{
    // Held in memory: if this activation moves, observers are gone until they renew (each minute).
    private readonly ObserverManager<IModelObserver> _observers = new(TimeSpan.FromMinutes(5), logger);

    private static readonly TimeSpan ServingFreshFor = TimeSpan.FromSeconds(5);

    private ServingVersions? _serving;
    private long _servingReadAt;

    public async Task<ModelVersionInfo> Register(ModelDraft details, byte[] artifact, string by)
    {
        if (artifact is not { Length: > 0 })
            throw new ArgumentException("the model artifact is empty", nameof(artifact));
        const string why = "registered by training";
        var version = await store.AddAsync(details, artifact, Who(by), why);
        _serving = null;
        changes.Publish(new StageChange(version.Version, null, version.Stage, Who(by), DateTimeOffset.UtcNow, why));
        logger.LogInformation(
            "Model version {Version} registered ({Bytes} bytes, sha256 {Sha})",
            version.Version, version.SizeBytes, version.Sha256);
        return version;
    }

    public Task<ImmutableArray<ModelVersionInfo>> List() => store.ListAsync();

    public Task<ModelVersionInfo?> Get(int version) => store.GetAsync(version);

    public Task<byte[]?> GetArtifact(int version) => store.GetArtifactAsync(version);

    public Task<ImmutableArray<StageChange>> History(int? version) => store.HistoryAsync(version);

    public async Task<ModelVersionInfo?> GetProduction() => (await GetServing()).Production;

    /// <summary>
    /// Every silo asks several times a second: answered from memory, read again after each change this activation
    /// makes and at least every <see cref="ServingFreshFor"/> (another activation may have written, briefly, while
    /// the cluster's membership settled).
    /// </summary>
    public async Task<ServingVersions> GetServing()
    {
        if (_serving is { } cached && Stopwatch.GetElapsedTime(_servingReadAt) < ServingFreshFor)
            return cached;
        var readAt = Stopwatch.GetTimestamp();
        var versions = await store.ListAsync();
        var production = versions.FirstOrDefault(v => v.Stage == ModelStage.Production);
        var canary = versions.Where(v => v.Stage == ModelStage.Canary).MaxBy(v => v.Version);
        var staging = versions.Where(v => v.Stage == ModelStage.Staging).MaxBy(v => v.Version);
        (_serving, _servingReadAt) = (new ServingVersions(production, canary, staging), readAt);
        return _serving;
    }

    public async Task<ServingStamp> GetServingStamp() => ServingStamp.Of(await GetServing());

    public async Task<ModelVersionInfo> Promote(int version, ModelStage stage, string by, string why)
    {
        await RequireGatesAsync(version, stage);
        return await MoveAsync(version, stage, by, why);
    }

    // One call at a time on this grain: nothing moves the version between the look and the move.
    public async Task<ModelVersionInfo?> Advance(int version, ModelStage from, ModelStage to, string by, string why) =>
        (await store.GetAsync(version) ?? throw new KeyNotFoundException($"model version {version} does not exist"))
        .Stage == from
            ? await Promote(version, to, by, why)
            : null;

    public Task<ModelVersionInfo> ForcePromote(int version, ModelStage stage, string by, string why) =>
        MoveAsync(version, stage, by,
            $"forced past the rollout's gates: {(string.IsNullOrWhiteSpace(why) ? "no reason given" : why)}");

    /// <summary>
    /// Production changes only to a version that passed the offline gate, unless nothing is in production, or the
    /// version has been in production before (a rollback or a restore).
    /// </summary>
    private async Task RequireGatesAsync(int version, ModelStage stage)
    {
        if (stage != ModelStage.Production || await store.GetAsync(version) is null)
            return; // an unknown version is refused by the move, naming it
        var production = await GetProduction();
        if (production is null || production.Version == version)
            return;
        if ((await store.HistoryAsync(version)).Any(h => h.To == ModelStage.Production))
            return;
        var gate = (await store.RolloutStepsAsync(version)).LastOrDefault(s => s.Step == RolloutNames.OfflineGate);
        if (gate?.Verdict == RolloutNames.Passed)
            return;
        throw new InvalidOperationException(
            $"model version {version} has not passed the offline gate" +
            (gate is null ? " (it has not been judged)" : $" (its last verdict: {gate.Verdict}: {gate.Why})") +
            $": `vz rollout gate {version}` judges it; `vz promote {version} --to production --force --why TEXT` " +
            "promotes it anyway, recorded as forced");
    }

    private async Task<ModelVersionInfo> MoveAsync(int version, ModelStage stage, string by, string why)
    {
        if (!Enum.IsDefined(stage))
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a model stage");
        var before = await store.GetAsync(version)
            ?? throw new KeyNotFoundException($"model version {version} does not exist");
        why = string.IsNullOrWhiteSpace(why) ? $"promoted to {stage}" : why;
        var replaced = stage == ModelStage.Production ? await GetProduction() : null;
        await store.SetStageAsync(version, stage, Who(by), why);
        _serving = null;
        if (before.Stage != stage)
        {
            var at = DateTimeOffset.UtcNow;
            changes.Publish(new StageChange(version, before.Stage, stage, Who(by), at, why));
            // The store archives the version it replaced in production.
            if (replaced is not null && replaced.Version != version)
                changes.Publish(new StageChange(replaced.Version, ModelStage.Production, ModelStage.Archived,
                    Who(by), at, $"replaced in production by version {version}"));
        }
        logger.LogInformation("Model version {Version} moved to {Stage} by {By}", version, stage, by);
        if (stage == ModelStage.Production)
        {
            var production = await GetProduction();
            await _observers.Notify(o => o.ProductionChanged(production));
        }
        return (await store.GetAsync(version))!;
    }

    public async Task<ModelVersionInfo> Rollback(string by, string why)
    {
        var history = await store.HistoryAsync();
        var productions = history.Where(h => h.To == ModelStage.Production).Reverse().ToList();
        if (productions.Count == 0)
            throw new InvalidOperationException(
                "nothing has ever been in production: there is nothing to roll back to");
        var current = await GetProduction();
        var previous = productions.FirstOrDefault(h => h.Version != current?.Version)
            ?? throw new InvalidOperationException($"model version {current?.Version} is the only version " +
                "ever in production: there is nothing to roll back to");
        return await MoveAsync(previous.Version, ModelStage.Production, by,
            string.IsNullOrWhiteSpace(why) ? $"rollback from version {current?.Version}" : why);
    }

    public async Task RecordEdgeEvaluation(EdgeEvaluation evaluation)
    {
        await store.AddEdgeEvaluationAsync(evaluation);
        logger.LogInformation(
            "Edge {Device} evaluated model version {Version} at {Cutoff:yyyy-MM-dd}: macro-F1 {MacroF1:F3}, " +
            "capture@5% {Capture5:F3}",
            evaluation.DeviceId, evaluation.Version, evaluation.Cutoff, evaluation.Metrics.MacroF1,
            evaluation.Metrics.Capture5);
    }

    public Task<ImmutableArray<EdgeEvaluation>> EdgeEvaluations(int version) => store.EdgeEvaluationsAsync(version);

    public async Task RecordRolloutStep(RolloutStep step)
    {
        await store.AddRolloutStepAsync(step);
        changes.Publish(step);
        logger.LogInformation("Model version {Version}: {Step} {Verdict}: {Why}",
            step.Version, step.Step, step.Verdict, step.Why);
    }

    public async Task<ImmutableArray<RolloutStep>> Rollout(int version) =>
        await store.GetAsync(version) is null
            ? throw new KeyNotFoundException(ModelText.UnknownVersion(version))
            : await store.RolloutStepsAsync(version);

    public Task Subscribe(IModelObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IModelObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private static string Who(string by) => string.IsNullOrWhiteSpace(by) ? "unknown" : by;
}
