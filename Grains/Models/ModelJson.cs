using System.Text.Json;
using System.Text.Json.Serialization;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// How a <see cref="ModelDraft"/> is written to vz_model_version.details, and an <see cref="EdgeEvaluation"/> to
/// vz_model_edge_evaluation.report, a <see cref="RolloutStep"/> to vz_model_rollout_step.detail. Enums by name so
/// the JSON reads in psql; NaN and infinities (a metric over an
/// empty class) as strings rather than an error.
/// </summary>
public static class ModelJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(), new StorableStringJsonConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(ModelDraft details) => JsonSerializer.Serialize(details, Options);

    public static ModelDraft Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelDraft>(json, Options)
            ?? throw new InvalidDataException("model details are JSON null");

    public static string Serialize(EdgeEvaluation evaluation) => JsonSerializer.Serialize(evaluation, Options);

    public static EdgeEvaluation DeserializeEvaluation(string json) =>
        JsonSerializer.Deserialize<EdgeEvaluation>(json, Options)
            ?? throw new InvalidDataException("an edge evaluation is JSON null");

    public static string Serialize(RolloutStep step) => JsonSerializer.Serialize(step, Options);

    public static RolloutStep DeserializeRolloutStep(string json) =>
        JsonSerializer.Deserialize<RolloutStep>(json, Options)
            ?? throw new InvalidDataException("a rollout step is JSON null");
}
