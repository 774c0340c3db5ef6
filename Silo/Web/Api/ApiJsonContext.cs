using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VisionZero.Api;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// Serializers generated at build time for the answers served most: no reflection per request.
/// The options match the API's other answers: camelCase, nulls left out unless a field says
/// otherwise, and "&amp;" in a street name written as itself (the body is JSON, never HTML).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntersectionJson))]
[JsonSerializable(typeof(List<IntersectionJson>))]
[JsonSerializable(typeof(NearAnswer))]
[JsonSerializable(typeof(NearSummary))]
[JsonSerializable(typeof(NearbyCornerJson))]
[JsonSerializable(typeof(PredictAnswer))]
[JsonSerializable(typeof(MapView))]
[JsonSerializable(typeof(List<CrashMonth>))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    public static ApiJsonContext Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
