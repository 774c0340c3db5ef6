using System.Collections.Immutable;
using VisionZero.Grains.Storage;
using VisionZero.Models;

namespace VisionZero.Silo.Web.Data;

/// <summary>GET /api/admin/data: what the data dashboard shows, in one answer.</summary>
public sealed record DataDashboardView(
    DateTimeOffset WallClock,
    int Days,
    DataFreshness Freshness,
    ImmutableArray<IngestDay> IngestByDay,
    ImmutableArray<RejectCount> Rejects,
    ImmutableArray<QuarantinedRow> Quarantined,
    ImmutableArray<JobRun> Jobs,
    GridSize Grid,
    ModelHealth? Model);

/// <summary>
/// The data clock (the newest crash the grid holds) against the wall clock, and the newest ledger row: a file upload
/// or a SODA pull.
/// </summary>
public sealed record DataFreshness(
    DateOnly? DataAsOf,
    int? DaysBehindWallClock,
    string? LastSource,
    string? LastStatus,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastCompletedAt);

/// <summary>Rows read per day (UTC, by when the run started) and per source, over every run of that day.</summary>
public sealed record IngestDay(
    DateOnly Day, string Source, int Runs, long Read, long Accepted, long Replaced, long Duplicates, long Rejected);

public sealed record RejectCount(string Reason, long Rows);

/// <summary>A background job: succeeded, failed or running, with its duration where Hangfire knows it.</summary>
public sealed record JobRun(string Id, string Kind, string State, DateTime? At, long? DurationMs, string? Error);

/// <summary>Corners in the grid, records stored.</summary>
public sealed record GridSize(int Intersections, long Crashes);

/// <summary>The production model's drift and live accuracy, where they have been measured.</summary>
public sealed record ModelHealth(int Version, ModelDrift? Drift, LiveAccuracy? Live);
