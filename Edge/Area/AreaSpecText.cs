using System.Text.Json;

namespace VisionZero.Edge.Area;

/// <summary>An area as stored in the edge's meta table (JSON), so a restart keeps the area it had.</summary>
internal static class AreaSpecText
{
    public static string Format(AreaSpec area) => JsonSerializer.Serialize(area);

    public static AreaSpec? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<AreaSpec>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
