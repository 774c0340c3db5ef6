using VisionZero.Grid;

namespace VisionZero.Grains;

/// <summary>Settings of the grid (configuration section "Grid").</summary>
public sealed class GridOptions
{
    public const string Section = "Grid";

    /// <summary>Data (latest crash ingested, the default) or Wall (the machine's date).</summary>
    public ClockMode Clock { get; set; } = ClockMode.Data;

    /// <summary>
    /// A crash with coordinates but no cross street joins the nearest known corner this close (1-1000 m).
    /// </summary>
    public double AttributionRadiusM { get; set; } = 30;

    /// <summary>An ingest run applies its pending changes to the grains when this many are waiting.</summary>
    public int FlushThresholdCrashes { get; set; } = 3_000_000;

    /// <summary>How many grain calls a query fan-out keeps in flight at once.</summary>
    public int FanOutConcurrency { get; set; } = 1024;

    /// <summary>
    /// How many corners an ingest flush updates at once. High, so the batching storage gets big batches
    /// (each round trip to PostgreSQL carries thousands of corners).
    /// </summary>
    public int FlushConcurrency { get; set; } = 8192;

    /// <summary>
    /// How long the grid must stay unchanged (no ingest flush, no model swap) before each silo ranks the day's
    /// hotspots by itself, so the first hotspot list is already warm; zero: not warmed (0 to 1 hour).
    /// </summary>
    public TimeSpan RankingWarmQuiet { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Refuses, naming the key, a <see cref="RankingWarmQuiet"/> that is not a duration of 0 to 1 hour.
    /// </summary>
    public static void Check(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Rollout.SettingValue.Duration(configuration.GetSection(Section), nameof(RankingWarmQuiet),
            TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.FromHours(1));
}
