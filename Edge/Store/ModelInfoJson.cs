using System.Text.Json;
using System.Text.Json.Serialization;
using VisionZero.Models;

namespace VisionZero.Edge.Store;

/// <summary>
/// How the edge keeps a version's registry entry beside its bytes, and an evaluation until it is uploaded: enums by
/// name, NaN as text.
/// </summary>
internal static class ModelInfoJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(ModelVersionInfo info) => JsonSerializer.Serialize(info, Options);

    public static ModelVersionInfo Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelVersionInfo>(json, Options)
        ?? throw new InvalidDataException("the stored model entry is JSON null");

    public static string Serialize(EdgeEvaluation evaluation) => JsonSerializer.Serialize(evaluation, Options);

    public static EdgeEvaluation DeserializeEvaluation(string json) =>
        JsonSerializer.Deserialize<EdgeEvaluation>(json, Options)
        ?? throw new InvalidDataException("a stored evaluation is JSON null");
}
