using VisionZero.Grid;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Serving;

/// <summary>
/// The models this silo serves, one instance per version for all its grains: production, and a
/// canary that scores a fixed slice of the corners (<see cref="CanaryPercent"/>, chosen by a stable
/// hash of the corner's id, the same on every silo). Swapped atomically: a grain scoring during the
/// swap finishes on the version it started with.
/// </summary>
public sealed class ServingModels
{
    public ServingModels(Microsoft.Extensions.Options.IOptions<RiskOptions>? options = null)
    {
        CanaryPercent = options?.Value.CanaryPercent ?? RiskOptions.DefaultCanaryPercent;
        if (CanaryPercent is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), CanaryPercent,
                $"Risk:CanaryPercent must be a share of corners from 0 to 100, not {CanaryPercent}");
        _failEvery = options?.Value.TestCanaryFailEvery ?? 0;
        if (_failEvery < 0)
            throw new ArgumentOutOfRangeException(nameof(options), _failEvery,
                $"Risk:TestCanaryFailEvery must be 0 (off) or a count of answers, not {_failEvery}");
        GridMetrics.ObserveModelVersion(() => _current?.Version ?? 0, () => _canary?.Version ?? 0);
    }

    private readonly int _failEvery;
    private int _canaryAnswers;
    private volatile RiskModel? _current;
    private volatile RiskModel? _canary;
    private volatile RiskModel? _staging;
    private volatile string _unavailable = "no model is in production yet: train one (vz train) and promote it";

    public RiskModel? Current => _current;

    public RiskModel? Canary => _canary;

    /// <summary>
    /// The version in staging: it answers only requests marked as staging (<see cref="StagingRequest"/>).
    /// </summary>
    public RiskModel? Staging => _staging;

    /// <summary>The share of corners (0-100) a canary version scores.</summary>
    public int CanaryPercent { get; }

    /// <summary>Why there is no model, when there is none.</summary>
    public string Unavailable => _unavailable;

    /// <summary>
    /// The model that scores this corner: the staging version for a request marked as staging (production until
    /// this silo has loaded it), production for one marked as production, else the canary for its slice, else
    /// production.
    /// </summary>
    public RiskModel? For(string intersectionId)
    {
        var model = Choose(intersectionId);
        if (_failEvery > 0 && model is not null && model == _canary
            && Interlocked.Increment(ref _canaryAnswers) % _failEvery == 0)
            throw new InvalidOperationException(
                $"canary model version {model.Version} failed on purpose (Risk:TestCanaryFailEvery {_failEvery})");
        return model;
    }

    /// <summary>The version that answers for this corner (0 when none does), as <see cref="For"/> chooses it.</summary>
    public int VersionFor(string intersectionId) => Choose(intersectionId)?.Version ?? 0;

    private RiskModel? Choose(string intersectionId)
    {
        if (StagingRequest.Active && _staging is { } staging)
            return staging;
        if (StagingRequest.ProductionOnly)
            return _current;
        var canary = _canary;
        return canary is not null && _current is not null && InCanarySlice(intersectionId) ? canary : _current;
    }

    /// <summary>
    /// Whether the corner is in the canary's slice: a stable hash of the id, so every silo and every restart agree.
    /// </summary>
    public bool InCanarySlice(string intersectionId) => IntersectionHash.Of(intersectionId) % 100 < CanaryPercent;

    public void Use(RiskModel model) => _current = model;

    public void UseCanary(RiskModel? model) => _canary = model;

    public void UseStaging(RiskModel? model) => _staging = model;

    public void Clear(string why)
    {
        _current = null;
        _unavailable = why;
    }
}
