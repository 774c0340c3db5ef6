namespace VisionZero.Grains.Risk.Serving;

/// <summary>
/// Settings of the risk model: training data, evaluation and the push (configuration section "Risk").
/// </summary>
public sealed class RiskOptions
{
    public const string Section = "Risk";

    /// <summary>Monthly as-of snapshots used for training: the latest this many whose label has passed.</summary>
    public int SnapshotMonths { get; set; } = 60;

    /// <summary>
    /// Snapshots start only after this much history, so the windows are not cut short by the data's start.
    /// </summary>
    public int MinimumHistoryDays { get; set; } = 365;

    /// <summary>Rolling-origin backtests recorded with each version (the latest cutoffs, 6 months apart).</summary>
    public int BacktestCutoffs { get; set; } = 2;

    /// <summary>Training rows above this are sampled (seeded), to bound time and memory on the NYC-size grid.</summary>
    public int MaxTrainingRows { get; set; } = 1_000_000;

    /// <summary>
    /// Training rows for each backtest's model and forest (seeded sample). Backtests judge the recipe,
    /// not the shipped model; a smaller sample keeps a NYC-size training job within two minutes.
    /// </summary>
    public int MaxBacktestTrainingRows { get; set; } = 200_000;

    /// <summary>Shares of active corners below each class cut, from the training labels.</summary>
    public double[] ClassQuantiles { get; set; } = [0.5, 0.75, 0.9, 0.97];

    /// <summary>
    /// The latest snapshot days held out of a fit to choose how much of the trees' multiplier to trust
    /// (<see cref="TreeWeight"/>); 0 trusts it fully, as before.
    /// </summary>
    public int TreeWeightValidationMonths { get; set; } = 6;

    /// <summary>
    /// Rows for the model that chooses the tree weight, and for its validation (seeded samples): that choice
    /// needs the shape of the error, not the last digit, and each fit of a training job pays for it.
    /// </summary>
    public int MaxTreeWeightRows { get; set; } = 50_000;

    /// <summary>Training rows weigh half as much for every this many days of age (0: all equal).</summary>
    public int RecencyHalfLifeDays { get; set; } = 365;

    /// <summary>Intersections asked for their snapshots at once.</summary>
    public int SnapshotConcurrency { get; set; } = 512;

    /// <summary>Trials of a tuning run.</summary>
    public int TuneTrials { get; set; } = 12;

    /// <summary>
    /// How often each silo asks the registry which versions to serve (three numbers, answered from the registry's
    /// memory): a canary rolled back stops answering within about this long on every silo.
    /// </summary>
    public TimeSpan PushPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// For the rollout's tests only: every version trained while another is in production scores this many
    /// milliseconds slower (0, the default: off), so that staging has a slow candidate to stop.
    /// </summary>
    public int TestScoringDelayMs { get; set; }

    /// <summary>
    /// For the rollout's tests only: the canary fails every this many answers it is asked for (0, the default: off),
    /// so that a canary has errors to be rolled back on.
    /// </summary>
    public int TestCanaryFailEvery { get; set; }

    public const int DefaultCanaryPercent = 10;

    /// <summary>The share of corners (0-100) a version in the canary stage scores, beside production.</summary>
    public int CanaryPercent { get; set; } = DefaultCanaryPercent;
}
