using Orleans.Concurrency;

namespace VisionZero.Grid;

/// <summary>The grid's one notion of "today" (key 0): the latest crash day ingested, or the wall clock.</summary>
[Alias("vz.IDataClockGrain")]
public interface IDataClockGrain : IGrainWithIntegerKey
{
    /// <summary>Widens the span of crash days ingested (never narrows it).</summary>
    [Alias("Advance")]
    Task Advance(DateOnly earliestCrashDate, DateOnly latestCrashDate);

    /// <summary>The default as-of day for every query; null before any crash is ingested in Data mode.</summary>
    [ReadOnly, Alias("GetAsOf")]
    Task<DateOnly?> GetAsOf();

    /// <summary>The default as-of day with the change generation: what query caches are keyed by.</summary>
    [ReadOnly, Alias("GetView")]
    Task<GridView> GetView();

    /// <summary>
    /// Moves the generation: called after an ingest has written corners (and before it reports them done).
    /// </summary>
    [Alias("MarkChanged")]
    Task MarkChanged();

    [ReadOnly, Alias("GetLatestCrashDate")]
    Task<DateOnly?> GetLatestCrashDate();

    /// <summary>The earliest crash day ingested: where training snapshots can start.</summary>
    [ReadOnly, Alias("GetEarliestCrashDate")]
    Task<DateOnly?> GetEarliestCrashDate();
}
