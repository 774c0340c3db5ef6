namespace VisionZero.Jobs;

/// <summary>The background jobs an operator can trigger by hand (they also run on schedules).</summary>
[GenerateSerializer, Alias("vz.ModelJobKind")] // the wire name predates the rename: kept
public enum GridJobKind
{
    Train = 0,
    Tune = 1,
    Ingest = 2,

    /// <summary>Applies the stored records of abandoned ingest runs to their corners, without the file.</summary>
    Replay = 3,

    /// <summary>
    /// The offline gate of one version: started with <c>IGridJobsGrain.StartGate</c>, or after every training and
    /// tuning job that registers a candidate.
    /// </summary>
    Gate = 4,

    /// <summary>
    /// The staging load test of one version: started with <c>IGridJobsGrain.StartStaging</c>, or after a passed gate.
    /// </summary>
    Stage = 5,

    /// <summary>
    /// The canary soak of one version: started with <c>IGridJobsGrain.StartCanary</c>, or after a passed staging; it
    /// ends with the version in production or rolled back.
    /// </summary>
    Canary = 6,

    /// <summary>
    /// The feedback loop's check: production's live accuracy against its backtest; a retrain when it fell too far.
    /// </summary>
    Live = 7,

    /// <summary>
    /// The drift check: production's features and predictions on the data clock's day against its training window
    /// (PSI); a retrain when one passed the threshold.
    /// </summary>
    Drift = 8,
}
