using Spectre.Console;
using VisionZero.Grid;

namespace VisionZero.Client.Output;

/// <summary>The ingest summary as printed by vz ingest --json and returned by the API.</summary>
public sealed record IngestSummaryJson(
    string Source, long Read, long Accepted, long Duplicates, long Replaced, long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason, long Unmatched, long Attributed,
    int IntersectionsTouched, string? LatestCrashDate)
{
    public static IngestSummaryJson From(IngestSummary s) => new(
        s.Source, s.Read, s.Accepted, s.Duplicates, s.Replaced, s.Rejected,
        new SortedDictionary<string, long>(s.RejectedByReason, StringComparer.Ordinal), s.Unmatched, s.Attributed,
        s.IntersectionsTouched, s.LatestCrashDate?.ToString("yyyy-MM-dd"));

    public static void WriteTable(IngestSummary s)
    {
        var table = new Table().Title(Markup.Escape(s.Source)).AddColumn("").AddColumn(new TableColumn("rows").RightAligned());
        table.AddRow("read", $"{s.Read:N0}");
        table.AddRow("accepted (new)", $"{s.Accepted:N0}");
        table.AddRow("duplicates", $"{s.Duplicates:N0}");
        table.AddRow("replaced", $"{s.Replaced:N0}");
        table.AddRow("rejected", $"{s.Rejected:N0}");
        foreach (var (reason, count) in s.RejectedByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
            table.AddRow($"  {Markup.Escape(reason)}", $"{count:N0}");
        table.AddRow("attributed by coordinates", $"{s.Attributed:N0}");
        table.AddRow("unmatched", $"{s.Unmatched:N0}");
        table.AddRow("intersections touched", $"{s.IntersectionsTouched:N0}");
        AnsiConsole.Write(table);
    }
}
