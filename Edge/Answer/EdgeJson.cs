using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionZero.Edge.Answer;

/// <summary>The edge's JSON: camelCase, classes by name, no nulls, one object per line.</summary>
public static class EdgeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
