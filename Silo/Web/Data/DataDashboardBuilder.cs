using System.Collections.Immutable;
using Hangfire;
using VisionZero.Grains.Storage;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Data;

/// <summary>Gathers the data dashboard's answer from the ledger, the quarantine, Hangfire and the grid.</summary>
public sealed class DataDashboardBuilder(
    IIngestActivity activity, JobStorage jobs, IGrainFactory grains, ModelHealthCache models, TimeProvider time)
{
    public const int QuarantinedShown = 10;
    public const int JobsShown = 25;

    public async Task<DataDashboardView> BuildAsync(int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days);
        var ingest = await activity.ReadAsync(since, QuarantinedShown, cancellationToken);
        var query = grains.GetGrain<IGridQueryGrain>(0);
        var clock = grains.GetGrain<IDataClockGrain>(0);
        var latest = await clock.GetLatestCrashDate();
        var newest = ingest.Runs.FirstOrDefault();
        return new DataDashboardView(
            now,
            days,
            new DataFreshness(
                latest,
                latest is { } day ? DateOnly.FromDateTime(now.UtcDateTime).DayNumber - day.DayNumber : null,
                newest?.Source,
                newest?.Status,
                newest?.StartedAt,
                newest?.CompletedAt),
            ByDay(ingest.Runs),
            Rejects(ingest.Runs),
            ingest.Quarantined,
            JobRunsReader.Newest(jobs, JobsShown),
            new GridSize(await query.CountIntersections(), ingest.StoredCrashes),
            await models.CurrentAsync(cancellationToken));
    }

    private static ImmutableArray<IngestDay> ByDay(ImmutableArray<IngestRunRow> runs) =>
    [
        .. runs
            .GroupBy(r => (Day: DateOnly.FromDateTime(r.StartedAt.UtcDateTime), r.Source))
            .Select(g => new IngestDay(
                g.Key.Day,
                g.Key.Source,
                g.Count(),
                g.Sum(r => r.Summary?.Read ?? 0),
                g.Sum(r => r.Summary?.Accepted ?? 0),
                g.Sum(r => r.Summary?.Replaced ?? 0),
                g.Sum(r => r.Summary?.Duplicates ?? 0),
                g.Sum(r => r.Summary?.Rejected ?? 0)))
            .OrderByDescending(d => d.Day)
            .ThenBy(d => d.Source, StringComparer.Ordinal),
    ];

    private static ImmutableArray<RejectCount> Rejects(ImmutableArray<IngestRunRow> runs) =>
    [
        .. runs
            .SelectMany(r => r.Summary?.RejectedByReason ?? ImmutableDictionary<string, long>.Empty)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => new RejectCount(g.Key, g.Sum(p => p.Value)))
            .Where(r => r.Rows > 0)
            .OrderByDescending(r => r.Rows)
            .ThenBy(r => r.Reason, StringComparer.Ordinal),
    ];
}
