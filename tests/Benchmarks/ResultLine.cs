using VisionZero.Models;

namespace VisionZero.Benchmarks;

/// <summary>
/// One scorer's metrics as the key=value fields every benchmark line uses (the docs' tables are built from them).
/// </summary>
public static class ResultLine
{
    public static string Fields(BacktestResult r) =>
        $"scorer={r.Name} capture1={r.Capture1:F4} capture5={r.Capture5:F4} capture10={r.Capture10:F4} " +
        $"macroF1={r.MacroF1:F4} " +
        $"accuracy={r.Accuracy:F4} mae={r.Mae:F4} deviance={r.PoissonDeviance:F4} calibration={r.Calibration:F4}";
}
