using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>The running totals of one ingest run.</summary>
internal sealed class IngestCounters
{
    public long Read;
    public long Accepted;
    public long Duplicates;
    public long Replaced;
    public long Unmatched;
    public long Attributed;
    public int IntersectionsTouched;
    public DateOnly? LatestCrashDate;
    public DateOnly? EarliestCrashDate;
    public Dictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    public void Reject(string reason) => RejectedByReason[reason] = RejectedByReason.GetValueOrDefault(reason) + 1;

    public void SeeDate(DateOnly date)
    {
        if (LatestCrashDate is null || date > LatestCrashDate)
            LatestCrashDate = date;
        if (EarliestCrashDate is null || date < EarliestCrashDate)
            EarliestCrashDate = date;
    }

    public IngestSummary ToSummary(string source) => new(
        source, Read, Accepted, Duplicates, Replaced, RejectedByReason.Values.Sum(),
        RejectedByReason.ToImmutableDictionary(), Unmatched, Attributed, IntersectionsTouched, LatestCrashDate);
}
