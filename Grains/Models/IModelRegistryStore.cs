using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// Where model versions live: PostgreSQL (vz_model_version, vz_model_stage_change) or memory on the
/// embedded default. The registry grain is the only writer, so the store need not arbitrate races
/// between writers; it must keep the history append-only and the single-production rule.
/// </summary>
public interface IModelRegistryStore
{
    /// <summary>
    /// Stores a new version numbered one past the highest so far, as a candidate, with a history line.
    /// </summary>
    Task<ModelVersionInfo> AddAsync(
        ModelDraft details, byte[] artifact, string by, string why, CancellationToken cancellationToken = default);

    /// <summary>Every version, newest first.</summary>
    Task<ImmutableArray<ModelVersionInfo>> ListAsync(CancellationToken cancellationToken = default);

    Task<ModelVersionInfo?> GetAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>The artifact bytes exactly as stored (the caller checks them against the sha256).</summary>
    Task<byte[]?> GetArtifactAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>The history, oldest first; one version's or all.</summary>
    Task<ImmutableArray<StageChange>> HistoryAsync(int? version = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a version to a stage in one transaction, with a history line. Moving one to Production
    /// moves the current production version (if another) to Archived, with its own history line.
    /// </summary>
    Task SetStageAsync(
        int version, ModelStage stage, string by, string why, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an edge device's report on a registered version, replacing the one it sent for the same cutoff.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    Task AddEdgeEvaluationAsync(EdgeEvaluation evaluation, CancellationToken cancellationToken = default);

    /// <summary>The edge devices' reports on a version, the newest first (by when they were measured).</summary>
    Task<ImmutableArray<EdgeEvaluation>> EdgeEvaluationsAsync(
        int version, CancellationToken cancellationToken = default);

    /// <summary>Appends a step of a version's rollout pipeline to its history (never replaced).</summary>
    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    Task AddRolloutStepAsync(RolloutStep step, CancellationToken cancellationToken = default);

    /// <summary>A version's rollout steps, oldest first.</summary>
    Task<ImmutableArray<RolloutStep>> RolloutStepsAsync(int version, CancellationToken cancellationToken = default);
}
