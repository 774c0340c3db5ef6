using VisionZero.Grid;

namespace VisionZero.Api;

/// <summary>
/// The ingest summary: vz ingest --json prints and POST /api/ingest returns exactly this (camelCase).
/// </summary>
public sealed record IngestSummaryJson(
    string Source, long Read, long Accepted, long Duplicates, long Replaced, long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason, long Unmatched, long Attributed,
    int IntersectionsTouched, string? LatestCrashDate)
{
    public static IngestSummaryJson From(IngestSummary s) => new(
        s.Source, s.Read, s.Accepted, s.Duplicates, s.Replaced, s.Rejected,
        new SortedDictionary<string, long>(s.RejectedByReason, StringComparer.Ordinal), s.Unmatched, s.Attributed,
        s.IntersectionsTouched, s.LatestCrashDate?.ToString("yyyy-MM-dd"));
}
