using Spectre.Console;
using VisionZero.Models;

namespace VisionZero.Client.Output;

/// <summary>Human output of a backtest: one row per scorer.</summary>
public static class BacktestTable
{
    public static void Write(BacktestReport report)
    {
        var table = new Table().AddColumn("scorer");
        foreach (var column in new[] { "capture@1%", "capture@5%", "capture@10%", "macro-F1", "accuracy", "MAE", "Poisson dev.", "calibration" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var r in report.Results)
        {
            table.AddRow(Markup.Escape(r.Name), r.Capture1.ToString("F3"), r.Capture5.ToString("F3"), r.Capture10.ToString("F3"),
                r.MacroF1.ToString("F3"), r.Accuracy.ToString("F3"), r.Mae.ToString("F3"), r.PoissonDeviance.ToString("F3"),
                r.Calibration.ToString("F3"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]cutoff {report.Cutoff:yyyy-MM-dd}: {report.Intersections:N0} active intersections, " +
                               $"{report.FutureCrashes:N0} crashes in the 182 days after[/]");
    }
}
