using System.Runtime.CompilerServices;
using System.Text.Json;

namespace VisionZero.CrashData;

/// <summary>
/// Reads the SODA API's JSON (an array of records whose values are all strings, with null fields
/// omitted and the location as an object), streaming one record at a time. Records may also come one
/// after another without an array (<c>recordsAtTopLevel</c>, when the first byte is '{').
/// </summary>
internal sealed class SodaJsonRowSource(
    PeekableStream input,
    CrashRowParser parser,
    bool recordsAtTopLevel) : ICrashRowSource
{
    private static readonly string[] SodaHeader =
    [
        "crash_date", "crash_time", "borough", "zip_code", "latitude", "longitude", "location",
        "on_street_name", "cross_street_name", "off_street_name",
        "number_of_persons_injured", "number_of_persons_killed", "number_of_pedestrians_injured",
        "number_of_pedestrians_killed", "number_of_cyclist_injured", "number_of_cyclist_killed",
        "number_of_motorist_injured", "number_of_motorist_killed",
        "contributing_factor_vehicle_1", "contributing_factor_vehicle_2", "contributing_factor_vehicle_3",
        "contributing_factor_vehicle_4", "contributing_factor_vehicle_5", "collision_id",
        "vehicle_type_code1", "vehicle_type_code2", "vehicle_type_code_3", "vehicle_type_code_4", "vehicle_type_code_5",
    ];

    private static readonly Dictionary<string, CrashField> FieldOfKey = BuildKeyMap();

    public CrashSchema Schema { get; } = CrashSchema.FromHeader(SodaHeader);

    public async IAsyncEnumerable<CrashRow> ReadAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var values = new string?[CrashSchema.FieldCount];
        long index = 0;
        var records = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(
            input, topLevelValues: recordsAtTopLevel, cancellationToken: cancellationToken);
        await foreach (var element in records.WithCancellation(cancellationToken))
        {
            index++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                if (index == 1)
                    throw new CrashFileFormatException("not a crash export: the JSON does not hold records (objects)");
                yield return CrashRow.Reject(new RejectedRow(index, RejectReason.MalformedRow,
                    $"record {index} is a JSON {element.ValueKind}, not an object", element.GetRawText()));
                continue;
            }
            if (index == 1)
                RequireCrashFields(element);
            Array.Clear(values);
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("location") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    values[(int)CrashField.Latitude] ??= Text(property.Value, "latitude");
                    values[(int)CrashField.Longitude] ??= Text(property.Value, "longitude");
                    continue;
                }
                if (FieldOfKey.TryGetValue(property.Name, out var field))
                    values[(int)field] = ScalarText(property.Value);
            }
            yield return parser.Parse(values, index, element.GetRawText());
        }
    }

    private static void RequireCrashFields(JsonElement first)
    {
        var missing = new List<string>();
        if (!first.TryGetProperty("crash_date", out _))
            missing.Add("crash_date");
        if (!first.TryGetProperty("collision_id", out _))
            missing.Add("collision_id");
        if (missing.Count > 0)
            throw new CrashFileFormatException(
                $"not a crash export: the first record has no {string.Join(", ", missing)}", missing);
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? ScalarText(value) : null;

    /// <summary>
    /// Strings as they are; numbers and booleans as their JSON text; objects and arrays verbatim (and so rejected).
    /// </summary>
    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static Dictionary<string, CrashField> BuildKeyMap()
    {
        var schema = CrashSchema.FromHeader(SodaHeader);
        var map = new Dictionary<string, CrashField>(StringComparer.Ordinal);
        for (var i = 0; i < SodaHeader.Length; i++)
        {
            foreach (var field in Enum.GetValues<CrashField>())
            {
                if (schema.ColumnOf(field) == i)
                    map[SodaHeader[i]] = field;
            }
        }
        return map;
    }

    public void Dispose() => input.Dispose();
}
