using Spectre.Console;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Client.Output;

/// <summary>Human output: one row per intersection with its windows.</summary>
public static class IntersectionTable
{
    public static void Write(IReadOnlyList<IntersectionSnapshot> rows, IReadOnlyList<double>? distances = null)
    {
        if (rows.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]No intersections.[/]");
            return;
        }
        var table = new Table().AddColumn("#").AddColumn("Intersection");
        if (distances is not null)
            table.AddColumn(new TableColumn("m").RightAligned());
        foreach (var column in new[] { "6m", "1y", "5y", "injured 1y", "killed 5y", "risk (next 6m)", "class", "conf." })
            table.AddColumn(new TableColumn(column).RightAligned());
        for (var i = 0; i < rows.Count; i++)
        {
            var s = rows[i];
            var cells = new List<string> { (i + 1).ToString(), Markup.Escape(s.Name) };
            if (distances is not null)
                cells.Add(distances[i].ToString("F0"));
            cells.AddRange([s.SixMonths.Crashes.ToString(), s.OneYear.Crashes.ToString(), s.FiveYears.Crashes.ToString(),
                s.OneYear.PersonsInjured.ToString(), s.FiveYears.PersonsKilled.ToString(),
                s.Risk is { } r ? r.RiskScore.ToString("F2") : "-",
                s.Risk is { } c ? RiskClassNames.Display(c.RiskClass) : "-",
                s.Risk is { } f ? f.Confidence.ToString("P0") : "-"]);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]as of {rows[0].AsOf:yyyy-MM-dd}; windows are the 182, 365 and 1826 days ending that day[/]");
        AnsiConsole.MarkupLine(rows[0].Risk is { } risk
            ? $"[grey]risk = expected crashes in the next 182 days, model version {risk.ModelVersion}[/]"
            : $"[yellow]No risk forecast: {Markup.Escape(rows[0].RiskUnavailable ?? "no model")}[/]");
    }
}
