using System.Globalization;
using Spectre.Console;
using VisionZero.Api;
using VisionZero.Models;

namespace VisionZero.Client.Output;

/// <summary>Human output of vz rollout status: each step's verdict and reason, then the figures it judged.</summary>
public static class RolloutTable
{
    public static void Write(CliOutput output, RolloutJson rollout)
    {
        output.Console.WriteLine($"Model version {rollout.Version} ({rollout.Stage})");
        if (rollout.Steps.Count == 0)
        {
            output.Warning("No rollout step has run for this version yet (vz rollout gate V starts the first).");
            return;
        }
        foreach (var step in rollout.Steps)
        {
            output.Console.WriteLine();
            output.Console.WriteLine($"{step.Step}: {step.Verdict} at {EdgeDeviceTable.Time(step.At)} UTC " +
                                     $"(requested by {step.By})");
            output.Console.WriteLine(step.Why);
            if (step.Figures.Length > 0)
                TextTable.Write(output, Content(step.Figures));
            if (!step.Measures.IsDefaultOrEmpty)
                TextTable.Write(output, Measures(step.Measures));
            output.Note("judged by " + string.Join(", ", step.Settings.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => $"{s.Key}={s.Value}")));
        }
    }

    /// <summary>Candidate minus the other scorer; calibration is the candidate's own, against 1 ± the band.</summary>
    public static TableContent Content(IReadOnlyList<GateComparison> figures) =>
        TableContent.From(figures, [
            (TextColumn.Label("metric"), (f, _) => f.Metric),
            (TextColumn.Label("against"), (f, _) => f.Against),
            (TextColumn.Number("median"), (f, _) => Signed(f, f.Median)),
            (TextColumn.Number("5 %", dropOrder: 2), (f, _) => Signed(f, f.P05)),
            (TextColumn.Number("95 %", dropOrder: 1), (f, _) => Signed(f, f.P95)),
            (TextColumn.Number("allowed"),
                (f, _) => f.Against == "band" ? "± " + Plain(f.Allowed) : Signed(f, f.Allowed)),
            (TextColumn.Label("held"), (f, _) => f.Held ? "yes" : "NO"),
        ]);

    /// <summary>Staging: the candidate beside production, and the bound it had to keep.</summary>
    public static TableContent Measures(IReadOnlyList<StepMeasure> measures) =>
        TableContent.From(measures, [
            (TextColumn.Label("measure"), (m, _) => m.Name),
            (TextColumn.Number("candidate"), (m, _) => Plain(m.Candidate)),
            (TextColumn.Number("production"), (m, _) => Plain(m.Production)),
            (TextColumn.Number("limit"), (m, _) => (m.AtLeast ? "≥ " : "≤ ") + Plain(m.Limit)),
            (TextColumn.Label("held"), (m, _) => m.Held ? "yes" : "NO"),
        ]);

    private static string Signed(GateComparison f, double value) =>
        f.Against == "band" ? Plain(value) : value.ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);

    private static string Plain(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
