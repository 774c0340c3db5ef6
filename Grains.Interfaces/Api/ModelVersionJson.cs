using System.Text.Json.Serialization;
using VisionZero.Models;

namespace VisionZero.Api;

/// <summary>
/// A model version as `vz models --json` prints it; metrics from its latest backtest. One version shown alone
/// (`vz models show V`, GET /api/models/{v}) adds its backtests and what edge devices measured with it.
/// </summary>
public sealed record ModelVersionJson(
    int Version, string Stage, DateTimeOffset CreatedAt, string Sha256, long SizeBytes, string Trainer,
    string TrainedFrom, string TrainedTo, int TrainingRows, IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<double> Thresholds, ModelMetricsJson? Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<BacktestReport>? Backtests,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<EdgeEvaluation>? EdgeEvaluations = null)
{
    public static ModelVersionJson From(
        ModelVersionInfo v, bool withBacktests = false, IReadOnlyList<EdgeEvaluation>? edgeEvaluations = null)
    {
        var d = v.Details;
        return new ModelVersionJson(v.Version, StageNames.Name(v.Stage), v.CreatedAt, v.Sha256, v.SizeBytes, d.Trainer,
            d.TrainedFrom.ToString("yyyy-MM-dd"), d.TrainedTo.ToString("yyyy-MM-dd"),
            d.TrainingRows, d.Features, d.Parameters,
            d.Thresholds.Cuts, ModelMetricsJson.From(d.Backtests), withBacktests ? d.Backtests : null,
            edgeEvaluations);
    }
}
