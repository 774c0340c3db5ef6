using System.Text.Json.Serialization;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// POST /api/predict's answer: the grid's five classes with score, confidence and version, plus the
/// original design's two fields with their original meaning, so its clients keep working. Asked by the corner
/// alone, it also names the corner found and the window counts the grid answered from.
/// </summary>
public sealed record PredictAnswer(
    [property: JsonPropertyName("intersection_id")] string IntersectionId,
    [property: JsonPropertyName("class")] int Class,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("riskScore")] double RiskScore,
    [property: JsonPropertyName("probabilities")] IReadOnlyDictionary<string, double> Probabilities,
    [property: JsonPropertyName("modelVersion")] int ModelVersion,
    [property: JsonPropertyName("predicted_future_accidents_6m")] double PredictedFutureAccidents6m,
    [property: JsonPropertyName("label_classification")] string LabelClassification,
    [property: JsonPropertyName("corner"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Corner = null,
    [property: JsonPropertyName("accidents_6m"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    int? Accidents6m = null,
    [property: JsonPropertyName("accidents_1y"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    int? Accidents1y = null,
    [property: JsonPropertyName("accidents_5y"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    int? Accidents5y = null)
{
    /// <summary>The answer from the corner's own windows and forecast, as the grid holds them.</summary>
    public static PredictAnswer From(string intersectionId, IntersectionSnapshot corner, RiskAssessment risk) =>
        From(intersectionId, risk) with
        {
            Corner = corner.Id,
            Accidents6m = corner.SixMonths.Crashes,
            Accidents1y = corner.OneYear.Crashes,
            Accidents5y = corner.FiveYears.Crashes,
        };

    public static PredictAnswer From(string intersectionId, RiskAssessment risk)
    {
        var score = Math.Round(risk.RiskScore, 4);
        return new PredictAnswer(
            intersectionId,
            (int)risk.RiskClass,
            RiskClassNames.Display(risk.RiskClass),
            Math.Round(risk.Confidence, 4),
            score,
            RiskClassNames.ByName(risk.Probabilities),
            risk.ModelVersion,
            score,
            SeedLabel(risk.RiskScore));
    }

    /// <summary>The original design's three labels on the predicted count: at most 1 Safe, at most 3 Caution.</summary>
    public static string SeedLabel(double predicted) =>
        predicted <= 1 ? "Safe" : predicted <= 3 ? "Caution" : "Dangerous";
}
