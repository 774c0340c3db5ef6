using System.Globalization;
using VisionZero.Models;

namespace VisionZero.Grains.Risk.Live;

/// <summary>
/// The feedback loop's rule: a version whose matured predictions (at least <see cref="LiveSettings.MinMatured"/>)
/// score below its own backtest by more than <see cref="LiveSettings.Margin"/> on capture@5 % or macro-F1 needs
/// retraining.
/// </summary>
public static class LiveJudge
{
    public static (bool Retrain, string Why) Judge(LiveAccuracy live, LiveSettings settings)
    {
        if (live.Matured < settings.MinMatured)
            return (false, $"{live.Matured} matured predictions of {settings.MinMatured} needed to judge");
        var below = new List<string>();
        if (live.Capture5 is { } capture && live.BacktestCapture5 is { } backtestCapture
            && capture < backtestCapture - settings.Margin)
            below.Add($"capture5 {F(capture)} against {F(backtestCapture)} in its backtest");
        if (live.MacroF1 is { } f1 && live.BacktestMacroF1 is { } backtestF1 && f1 < backtestF1 - settings.Margin)
            below.Add($"macroF1 {F(f1)} against {F(backtestF1)} in its backtest");
        return below.Count > 0
            ? (true, $"live accuracy of version {live.Version} on {live.Matured} matured predictions: " +
                     string.Join(", ", below) + $", more than {F(settings.Margin)} below")
            : (false, $"live accuracy of version {live.Version} holds on {live.Matured} matured predictions: " +
                      $"capture5 {F(live.Capture5)}, macroF1 {F(live.MacroF1)}");
    }

    private static string F(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "none";
}
