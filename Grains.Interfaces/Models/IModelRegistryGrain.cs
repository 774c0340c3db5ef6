using System.Collections.Immutable;
using Orleans.Concurrency;

namespace VisionZero.Models;

/// <summary>
/// The registry of model versions (one activation, key 0): every change to it goes through here.
/// Silos and outside clients find the production version with <see cref="GetProduction"/> and fetch
/// its bytes with <see cref="GetArtifact"/>.
/// </summary>
[Alias("vz.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task<ModelVersionInfo> Register(ModelDraft details, byte[] artifact, string by);

    [ReadOnly, Alias("List")]
    Task<ImmutableArray<ModelVersionInfo>> List();

    [ReadOnly, Alias("Get")]
    Task<ModelVersionInfo?> Get(int version);

    [ReadOnly, Alias("GetArtifact")]
    Task<byte[]?> GetArtifact(int version);

    [ReadOnly, Alias("History")]
    Task<ImmutableArray<StageChange>> History(int? version);

    /// <summary>The production version, or null before the first promotion.</summary>
    [ReadOnly, Alias("GetProduction")]
    Task<ModelVersionInfo?> GetProduction();

    /// <summary>
    /// The production version and the newest canary (null when none, or when it is production itself).
    /// </summary>
    [ReadOnly, Alias("GetServing")]
    Task<ServingVersions> GetServing();

    /// <summary>The numbers of <see cref="GetServing"/>'s versions: a poll that costs almost nothing.</summary>
    [ReadOnly, Alias("GetServingStamp")]
    Task<ServingStamp> GetServingStamp();

    /// <summary>
    /// Moves a version to a stage. Production takes only a version that passed the offline gate (or one that has
    /// been in production before, or any when none is): otherwise <see cref="InvalidOperationException"/> says why.
    /// </summary>
    [Alias("Promote")]
    Task<ModelVersionInfo> Promote(int version, ModelStage stage, string by, string why);

    /// <summary>
    /// As <see cref="Promote"/>, only while the version is still in <paramref name="from"/>: the rollout's steps move
    /// a version with it, so one an operator moved meanwhile stays where they put it.
    /// </summary>
    /// <returns>The version after the move; null when it was no longer in <paramref name="from"/>.</returns>
    [Alias("Advance")]
    Task<ModelVersionInfo?> Advance(int version, ModelStage from, ModelStage to, string by, string why);

    /// <summary>As <see cref="Promote"/>, past the rollout's gates: the history line says it was forced.</summary>
    [Alias("ForcePromote")]
    Task<ModelVersionInfo> ForcePromote(int version, ModelStage stage, string by, string why);

    /// <summary>Tells the observer of every production change from now on (renew within 5 minutes).</summary>
    [Alias("Subscribe")]
    Task Subscribe(IModelObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IModelObserver observer);

    /// <summary>Production returns to the version that was in production before the current one.</summary>
    [Alias("Rollback")]
    Task<ModelVersionInfo> Rollback(string by, string why);

    /// <summary>
    /// Keeps what an edge device measured for a version (vz-edge eval); the same device evaluating the same
    /// cutoff again replaces its earlier report, so an upload retried after a lost answer counts once.
    /// </summary>
    [Alias("RecordEdgeEvaluation")]
    Task RecordEdgeEvaluation(EdgeEvaluation evaluation);

    /// <summary>The edge devices' reports on a version, the newest first.</summary>
    [ReadOnly, Alias("EdgeEvaluations")]
    Task<ImmutableArray<EdgeEvaluation>> EdgeEvaluations(int version);

    /// <summary>Appends a step's verdict to the version's rollout history, and announces it (webhooks).</summary>
    [Alias("RecordRolloutStep")]
    Task RecordRolloutStep(RolloutStep step);

    /// <summary>The version's rollout steps, oldest first.</summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    [ReadOnly, Alias("Rollout")]
    Task<ImmutableArray<RolloutStep>> Rollout(int version);
}
