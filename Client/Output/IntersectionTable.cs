using Spectre.Console;
using VisionZero.Grid;

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
        foreach (var column in new[] { "6m", "1y", "5y", "injured 1y", "killed 5y" })
            table.AddColumn(new TableColumn(column).RightAligned());
        for (var i = 0; i < rows.Count; i++)
        {
            var s = rows[i];
            var cells = new List<string> { (i + 1).ToString(), Markup.Escape(s.Name) };
            if (distances is not null)
                cells.Add(distances[i].ToString("F0"));
            cells.AddRange([s.SixMonths.Crashes.ToString(), s.OneYear.Crashes.ToString(), s.FiveYears.Crashes.ToString(),
                s.OneYear.PersonsInjured.ToString(), s.FiveYears.PersonsKilled.ToString()]);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]as of {rows[0].AsOf:yyyy-MM-dd}; windows are the 182, 365 and 1826 days ending that day[/]");
    }
}
