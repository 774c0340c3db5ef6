namespace VisionZero.Silo.Jobs;

/// <summary>Schedules and sources of the background jobs (configuration section "Jobs"; cron in UTC).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Retraining: weekly, Sunday 03:00.</summary>
    public string TrainCron { get; set; } = "0 3 * * 0";

    /// <summary>Tuning: monthly, the 1st at 04:00.</summary>
    public string TuneCron { get; set; } = "0 4 1 * *";

    /// <summary>The feedback loop's check of production's live accuracy: daily at 05:00.</summary>
    public string LiveCron { get; set; } = "0 5 * * *";

    /// <summary>The drift check of production against its training window: daily at 05:30.</summary>
    public string DriftCron { get; set; } = "30 5 * * *";

    /// <summary>Ingest of new records: every 30 minutes, when a source is configured.</summary>
    public string IngestCron { get; set; } = "*/30 * * * *";

    /// <summary>
    /// A drop folder (files are moved to processed/ or failed/) or a SODA URL (https://.../h9gi-nx95.json).
    /// Empty: no scheduled ingest.
    /// </summary>
    public string? IngestSource { get; set; }

    /// <summary>Records per SODA page.</summary>
    public int SodaPageSize { get; set; } = 50_000;

    /// <summary>A SODA ingest asks again for this many days before the latest crash known (late reports).</summary>
    public int SodaLookbackDays { get; set; } = 30;

    /// <summary>Queue a training job at start-up when the grid has crashes but the registry has no model.</summary>
    public bool TrainFirstModel { get; set; } = true;

    /// <summary>
    /// On PostgreSQL, how long a job a silo took stays hidden from the other silos once that silo stops renewing it
    /// (a running job renews it: sliding): a job whose silo died runs again on another after this.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Hangfire workers per silo: jobs are few and long.</summary>
    public int Workers { get; set; } = 2;
}
