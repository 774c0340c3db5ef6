using System.Collections.Immutable;
using System.Security.Cryptography;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// The embedded default's registry: the same contract as PostgreSQL, kept in this process. Details go
/// through the same JSON as in PostgreSQL, so what comes back (and what fails) is the same.
/// </summary>
public sealed class InMemoryModelRegistryStore(TimeProvider? timeProvider = null) : IModelRegistryStore
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly List<ModelVersionInfo> _versions = []; // version n at index n - 1
    private readonly List<byte[]> _artifacts = [];
    private readonly List<StageChange> _history = [];
    private readonly Dictionary<(int Version, string DeviceId, DateOnly Cutoff), string> _evaluations = [];
    private readonly List<(int Version, string Json)> _rolloutSteps = [];

    public Task<ModelVersionInfo> AddAsync(ModelDraft details, byte[] artifact, string by, string why,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(artifact);
        var stored = ModelJson.Deserialize(ModelJson.Serialize(details));
        var copy = artifact.AsSpan().ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(copy));
        (by, why) = (ModelText.Clean(by), ModelText.Clean(why));
        lock (_lock)
        {
            var at = Now();
            var info = new ModelVersionInfo(
                _versions.Count + 1, ModelStage.Candidate, at, sha256, copy.LongLength, stored);
            _versions.Add(info);
            _artifacts.Add(copy);
            _history.Add(new StageChange(info.Version, null, ModelStage.Candidate, by, at, why));
            return Task.FromResult(info);
        }
    }

    public Task<ImmutableArray<ModelVersionInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var newestFirst = ImmutableArray.CreateBuilder<ModelVersionInfo>(_versions.Count);
            for (var i = _versions.Count - 1; i >= 0; i--)
                newestFirst.Add(_versions[i]);
            return Task.FromResult(newestFirst.MoveToImmutable());
        }
    }

    public Task<ModelVersionInfo?> GetAsync(int version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(Exists(version) ? _versions[version - 1] : null);
    }

    public Task<byte[]?> GetArtifactAsync(int version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(Exists(version) ? _artifacts[version - 1].AsSpan().ToArray() : null);
    }

    public Task<ImmutableArray<StageChange>> HistoryAsync(
        int? version = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(version is { } v
                ? [.. _history.Where(c => c.Version == v)]
                : _history.ToImmutableArray());
    }

    public Task SetStageAsync(
        int version, ModelStage stage, string by, string why, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(stage))
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a model stage");
        (by, why) = (ModelText.Clean(by), ModelText.Clean(why));
        lock (_lock)
        {
            if (!Exists(version))
                throw new KeyNotFoundException(ModelText.UnknownVersion(version));
            var target = _versions[version - 1];
            if (target.Stage == stage)
                return Task.CompletedTask;
            var at = Now();
            if (stage == ModelStage.Production
                && _versions.FindIndex(v => v.Stage == ModelStage.Production) is >= 0 and var i)
            {
                _versions[i] = _versions[i] with { Stage = ModelStage.Archived };
                _history.Add(new StageChange(
                    i + 1, ModelStage.Production, ModelStage.Archived, by, at, ModelText.ReplacedBy(version, why)));
            }
            _versions[version - 1] = target with { Stage = stage };
            _history.Add(new StageChange(version, target.Stage, stage, by, at, why));
        }
        return Task.CompletedTask;
    }

    public Task AddEdgeEvaluationAsync(EdgeEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        var stored = ModelText.Storable(evaluation);
        var json = ModelJson.Serialize(stored);
        lock (_lock)
        {
            if (!Exists(stored.Version))
                throw new KeyNotFoundException(ModelText.UnknownVersion(stored.Version));
            _evaluations[(stored.Version, stored.DeviceId, stored.Cutoff)] = json;
        }
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<EdgeEvaluation>> EdgeEvaluationsAsync(
        int version, CancellationToken cancellationToken = default)
    {
        List<string> rows;
        lock (_lock)
            rows = [.. _evaluations.Where(e => e.Key.Version == version).Select(e => e.Value)];
        return Task.FromResult<ImmutableArray<EdgeEvaluation>>([.. rows.Select(ModelJson.DeserializeEvaluation)
            .OrderByDescending(e => e.EvaluatedAt).ThenBy(e => e.DeviceId, StringComparer.Ordinal)
            .ThenByDescending(e => e.Cutoff)]);
    }

    public Task AddRolloutStepAsync(RolloutStep step, CancellationToken cancellationToken = default)
    {
        var stored = ModelText.Storable(step);
        var json = ModelJson.Serialize(stored);
        lock (_lock)
        {
            if (!Exists(stored.Version))
                throw new KeyNotFoundException(ModelText.UnknownVersion(stored.Version));
            _rolloutSteps.Add((stored.Version, json));
        }
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<RolloutStep>> RolloutStepsAsync(
        int version, CancellationToken cancellationToken = default)
    {
        List<string> rows;
        lock (_lock)
            rows = [.. _rolloutSteps.Where(s => s.Version == version).Select(s => s.Json)];
        return Task.FromResult<ImmutableArray<RolloutStep>>([.. rows.Select(ModelJson.DeserializeRolloutStep)]);
    }

    private bool Exists(int version) => version >= 1 && version <= _versions.Count;

    // PostgreSQL keeps microseconds; so does this, so both stores hand back the same kind of instant.
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
