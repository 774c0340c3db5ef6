using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Api;

/// <summary>The model's figures at the latest backtest cutoff, with each baseline's beside them.</summary>
public sealed record ModelMetricsJson(
    string Cutoff, double Capture1, double Capture5, double Capture10, double MacroF1, double Accuracy,
    double Mae, double PoissonDeviance, double Calibration, IReadOnlyDictionary<string, BacktestResult> Baselines)
{
    public static ModelMetricsJson? From(ImmutableArray<BacktestReport> backtests)
    {
        if (backtests.IsDefaultOrEmpty)
            return null;
        var latest = backtests.MaxBy(b => b.Cutoff)!;
        var model = latest.Results.FirstOrDefault(r => r.Name == "model");
        if (model is null)
            return null;
        return new ModelMetricsJson(
            latest.Cutoff.ToString("yyyy-MM-dd"), model.Capture1, model.Capture5, model.Capture10,
            model.MacroF1, model.Accuracy, model.Mae, model.PoissonDeviance, model.Calibration,
            latest.Results
                .Where(r => r.Name != "model")
                .ToDictionary(r => r.Name, r => r with { Classes = [], Confusion = [] }));
    }
}
