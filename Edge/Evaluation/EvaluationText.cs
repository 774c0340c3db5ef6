using System.Globalization;
using System.Text;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Edge.Evaluation;

/// <summary>
/// An offline evaluation as a person reads it: what was judged, the per-class table (corners truly in each class
/// and forecast in it), the headline metrics, then how the device ran.
/// </summary>
public static class EvaluationText
{
    private const double MiB = 1024 * 1024;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <remarks>
    /// With <paramref name="trainedTo"/> (the version's last training snapshot day), says when the version learnt
    /// from crashes inside the days judged: then the figures are in-sample, not an out-of-time test.
    /// </remarks>
    public static string Format(EdgeEvaluation e, DateOnly? trainedTo = null)
    {
        var m = e.Metrics;
        var p = e.Performance;
        var text = new StringBuilder();
        text.Append(Invariant, $"model version {e.Version} on {e.DeviceId}, {e.Area}\n");
        text.Append(Invariant, $"as of {e.Cutoff:yyyy-MM-dd}, judged on the {RiskFeatures.HorizonDays} days after it ")
            .Append(Invariant, $"({e.Cutoff.AddDays(1):yyyy-MM-dd} to ")
            .Append(Invariant, $"{e.Cutoff.AddDays(RiskFeatures.HorizonDays):yyyy-MM-dd}; ")
            .Append(Invariant, $"the edge's as-of day is {e.AsOf:yyyy-MM-dd})\n");
        text.Append(Invariant, $"{e.Intersections:N0} corners active at the cutoff, ")
            .Append(Invariant, $"{e.FutureCrashes:N0} crashes in the days after\n");
        if (trainedTo is { } last && last.AddDays(RiskFeatures.HorizonDays) > e.Cutoff)
            text.Append(Invariant, $"note: version {e.Version} learnt from snapshots up to {last:yyyy-MM-dd}, ")
                .Append("whose 182 days overlap the days judged: in-sample figures (vz backtest judges out of time)\n");
        text.Append('\n');
        text.Append(Invariant, $"{"class",-20}{"precision",10}{"recall",8}{"F1",8}{"actual",8}{"forecast",10}\n");
        foreach (var c in m.Classes)
        {
            var forecast = m.Confusion.Sum(row => row[(int)c.Class]);
            text.Append(Invariant, $"{RiskClassNames.Display(c.Class),-20}{c.Precision,10:F3}{c.Recall,8:F3}")
                .Append(Invariant, $"{c.F1,8:F3}{c.Support,8:N0}{forecast,10:N0}\n");
        }
        text.Append(Invariant, $"macro-F1 {m.MacroF1:F3}   capture@5% {m.Capture5:F3}   ")
            .Append(Invariant, $"(capture@1% {m.Capture1:F3}, @10% {m.Capture10:F3}; ")
            .Append(Invariant, $"accuracy {m.Accuracy:F3}; calibration {m.Calibration:F3})\n\n");
        text.Append(Invariant, $"lookups: {p.Lookups:N0} near corners, p50 {p.LookupP50Microseconds:F1} µs, ")
            .Append(Invariant, $"p99 {p.LookupP99Microseconds:F1} µs\n");
        text.Append(Invariant, $"memory: working set {p.WorkingSetBytes / MiB:F1} MiB, ")
            .Append(Invariant, $"managed heap {p.ManagedHeapBytes / MiB:F1} MiB\n");
        text.Append(Invariant, $"model load: {p.ModelLoadMilliseconds:F1} ms");
        if (p.ModelLoadAtOpenMilliseconds is { } first)
            text.Append(Invariant, $" (at open, the process's first: {first:F1} ms)");
        text.Append(Invariant, $"; {p.Platform}\n");
        return text.ToString();
    }
}
