using System.Diagnostics;
using VisionZero.Models;
using VisionZero.Scoring;

namespace VisionZero.Edge.Area;

public sealed partial class EdgeGrid
{
    /// <summary>
    /// How long loading the stored version took when this copy was opened (the process's first load: what a
    /// device pays at start), or null when none was loaded from disk.
    /// </summary>
    public TimeSpan? ModelLoadAtOpen { get; private set; }

    /// <summary>The registry entry and stored bytes of the version served, or null when the edge holds none.</summary>
    public (ModelVersionInfo Info, byte[] Artifact)? StoredModel()
    {
        lock (_gate)
            return _model is { } model ? _store.LoadModel(model.Version) : null;
    }

    /// <summary>Keeps an offline evaluation on disk until the registry has it.</summary>
    public void KeepEvaluation(EdgeEvaluation evaluation)
    {
        lock (_gate)
            _store.SaveEvaluation(evaluation);
    }

    /// <summary>The evaluations not uploaded yet.</summary>
    public List<EdgeEvaluation> PendingEvaluations()
    {
        lock (_gate)
            return _store.PendingEvaluations();
    }

    /// <summary>An evaluation the registry now holds (or refused for good): never sent again.</summary>
    public void EvaluationSent(EdgeEvaluation evaluation)
    {
        lock (_gate)
            _store.MarkEvaluationSent(evaluation);
    }

    private RiskModel LoadTimed(ModelVersionInfo info, byte[] artifact)
    {
        var start = Stopwatch.GetTimestamp();
        var model = RiskModel.Load(info, artifact);
        ModelLoadAtOpen = Stopwatch.GetElapsedTime(start);
        return model;
    }
}
