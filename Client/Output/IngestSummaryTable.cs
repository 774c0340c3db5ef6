using Spectre.Console;
using VisionZero.Grid;

namespace VisionZero.Client.Output;

/// <summary>The ingest summary as vz ingest prints it without --json.</summary>
public static class IngestSummaryTable
{
    public static void Write(IngestSummary s)
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
