namespace VisionZero.Grains.Clock;

[GenerateSerializer, Alias("vz.DataClockState")]
public sealed class DataClockState
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)] public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>DateOnly.DayNumber of the latest crash ingested (a plain int keeps stored JSON portable).</summary>
    [Id(1)] public int? LatestCrashDay { get; set; }

    /// <summary>
    /// DayNumber of the earliest crash ingested (added in schema 1 without a bump: null in older state).
    /// </summary>
    [Id(2)] public int? EarliestCrashDay { get; set; }
}
