using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// The original design's POST /predict body, field names and all, so its clients keep working: the corner and
/// its three window counts, or the corner alone (its simulated client's form), which the grid answers from the
/// corner's own windows. Read by hand from the JSON so a wrong type or a missing field is a 400 naming it.
/// </summary>
// counts are JSON numbers, never strings (the OpenAPI schema says so too)
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record PredictRequest(
    [property: JsonPropertyName("intersection_id")] string IntersectionId,
    [property: JsonPropertyName("accidents_6m")] int? Accidents6m,
    [property: JsonPropertyName("accidents_1y")] int? Accidents1y,
    [property: JsonPropertyName("accidents_5y")] int? Accidents5y)
{
    private static readonly string[] CountNames = ["accidents_6m", "accidents_1y", "accidents_5y"];

    /// <summary>More crashes than any New York corner has had in five years, by a wide margin.</summary>
    public const int MaxCount = 100_000;

    public const int MaxIdLength = 300;

    /// <summary>False when only the corner was sent: the grid's own windows answer.</summary>
    public bool HasCounts => Accidents6m is not null;

    public static PredictRequest? Read(JsonElement body, ApiInput input)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            input.Fail("body", $"the body must be a JSON object, not {Kind(body.ValueKind)}");
            return null;
        }
        var id = Id(body, input);
        if (!CountNames.Any(name => body.TryGetProperty(name, out _)))
            return input.Valid ? new PredictRequest(id!, null, null, null) : null;
        var six = Count(body, "accidents_6m", input);
        var year = Count(body, "accidents_1y", input);
        var five = Count(body, "accidents_5y", input);
        if (six is not null && year is not null && year < six)
            input.Fail(
                "accidents_1y",
                $"accidents_1y ({year}) must be at least accidents_6m ({six}): the year includes the six months");
        if (year is not null && five is not null && five < year)
            input.Fail(
                "accidents_5y",
                $"accidents_5y ({five}) must be at least accidents_1y ({year}): five years include the last one");
        return input.Valid ? new PredictRequest(id!, six!.Value, year!.Value, five!.Value) : null;
    }

    private static string? Id(JsonElement body, ApiInput input)
    {
        const string name = "intersection_id";
        if (!body.TryGetProperty(name, out var value))
            input.Fail(name, $"{name} is required");
        else if (value.ValueKind != JsonValueKind.String)
            input.Fail(name, $"{name} must be a string, not {Kind(value.ValueKind)}");
        else if (!TryGetText(value, out var id))
            input.Fail(name, $"{name} is not valid text: it holds invalid UTF-8 or a lone surrogate escape " +
                             "(\\ud800-\\udfff)");
        else if (id is not { Length: > 0 and <= MaxIdLength } || string.IsNullOrWhiteSpace(id))
            input.Fail(name, $"{name} must be 1 to {MaxIdLength} characters");
        else
            return id;
        return null;
    }

    /// <summary>GetString throws on text that is not Unicode (a lone surrogate escape, invalid UTF-8 bytes).</summary>
    private static bool TryGetText(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static int? Count(JsonElement body, string name, ApiInput input)
    {
        if (!body.TryGetProperty(name, out var value))
            input.Fail(name, $"{name} is required with the other counts (or send intersection_id alone)");
        else if (value.ValueKind != JsonValueKind.Number)
            input.Fail(name, $"{name} must be a whole number of crashes, not {Kind(value.ValueKind)}");
        else if (!value.TryGetInt32(out var count))
            input.Fail(name, $"{name} must be a whole number of crashes, not {value.GetRawText()}");
        else if (count is < 0 or > MaxCount)
            input.Fail(name, $"{name} must be between 0 and {MaxCount}, not {count}");
        else
            return count;
        return null;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
