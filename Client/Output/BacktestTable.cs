using VisionZero.Models;

namespace VisionZero.Client.Output;

/// <summary>Human output of a backtest: one row per scorer.</summary>
public static class BacktestTable
{
    public static void Write(CliOutput output, BacktestReport report)
    {
        var left = TextTable.Write(output, Content(report));
        if (left.Count > 0)
            output.Note($"not shown at {output.Width} columns: {string.Join(", ", left)}; --json has every field");
        output.Note($"cutoff {report.Cutoff:yyyy-MM-dd}: {report.Intersections:N0} active intersections, " +
                    $"{report.FutureCrashes:N0} crashes in the 182 days after");
    }

    /// <summary>The capture rates are what the model is chosen by; a narrow terminal keeps them longest.</summary>
    public static TableContent Content(BacktestReport report) =>
        TableContent.From<BacktestResult>(report.Results, [
            (TextColumn.Name("scorer"), (r, _) => r.Name),
            (TextColumn.Number("capture@1%", dropOrder: 8), (r, _) => r.Capture1.ToString("F3")),
            (TextColumn.Number("capture@5%", dropOrder: 7), (r, _) => r.Capture5.ToString("F3")),
            (TextColumn.Number("capture@10%", dropOrder: 6), (r, _) => r.Capture10.ToString("F3")),
            (TextColumn.Number("macro-F1", dropOrder: 5), (r, _) => r.MacroF1.ToString("F3")),
            (TextColumn.Number("accuracy", dropOrder: 2), (r, _) => r.Accuracy.ToString("F3")),
            (TextColumn.Number("MAE", dropOrder: 4), (r, _) => r.Mae.ToString("F3")),
            (TextColumn.Number("Poisson dev.", dropOrder: 1), (r, _) => r.PoissonDeviance.ToString("F3")),
            (TextColumn.Number("calibration", dropOrder: 3), (r, _) => r.Calibration.ToString("F3")),
        ]);
}
