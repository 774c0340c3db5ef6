using System.Text.Json.Serialization;
using VisionZero.Models;

namespace VisionZero.Api;

/// <summary>A model version as `vz models --json` prints it; metrics from its latest backtest.</summary>
public sealed record ModelVersionJson(
    int Version, string Stage, DateTimeOffset CreatedAt, string Sha256, long SizeBytes, string Trainer,
    string TrainedFrom, string TrainedTo, int TrainingRows, IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<double> Thresholds, ModelMetricsJson? Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<BacktestReport>? Backtests)
{
    public static ModelVersionJson From(ModelVersionInfo v, bool withBacktests = false)
    {
        var d = v.Details;
        return new ModelVersionJson(v.Version, StageNames.Name(v.Stage), v.CreatedAt, v.Sha256, v.SizeBytes, d.Trainer,
            d.TrainedFrom.ToString("yyyy-MM-dd"), d.TrainedTo.ToString("yyyy-MM-dd"),
            d.TrainingRows, d.Features, d.Parameters,
            d.Thresholds.Cuts, ModelMetricsJson.From(d.Backtests), withBacktests ? d.Backtests : null);
    }
}
