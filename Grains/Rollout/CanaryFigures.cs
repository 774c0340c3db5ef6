namespace VisionZero.Grains.Rollout;

/// <summary>
/// What the canary's soak has seen so far, safe to add to from many simulated users at once: every answer's latency
/// and whether it failed, by the side that gave it (the canary on its slice, production elsewhere), and for each
/// corner the canary answered, its score and class beside production's for the same question.
/// </summary>
public sealed class CanaryFigures
{
    private readonly object _lock = new();
    private readonly List<double> _canaryMs = [];
    private readonly List<double> _productionMs = [];
    private readonly List<double> _canaryScores = [];
    private readonly List<double> _productionScores = [];
    private int _canaryFailed;
    private int _productionFailed;
    private int _agreeing;

    public void Answer(bool canary, double milliseconds, bool ok)
    {
        lock (_lock)
        {
            (canary ? _canaryMs : _productionMs).Add(milliseconds);
            if (!ok && canary)
                _canaryFailed++;
            else if (!ok)
                _productionFailed++;
        }
    }

    public void Pair(double canaryScore, double productionScore, bool sameClass)
    {
        lock (_lock)
        {
            _canaryScores.Add(canaryScore);
            _productionScores.Add(productionScore);
            if (sameClass)
                _agreeing++;
        }
    }

    /// <summary>A copy of the figures as they stand, for the judge.</summary>
    public CanarySnapshot Snapshot(TimeSpan spent)
    {
        lock (_lock)
            return new CanarySnapshot(
                LoadFigures.From(_canaryMs, _canaryFailed, spent),
                LoadFigures.From(_productionMs, _productionFailed, spent),
                [.. _canaryScores], [.. _productionScores], _agreeing);
    }
}
