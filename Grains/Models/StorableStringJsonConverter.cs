using System.Text.Json;
using System.Text.Json.Serialization;
using VisionZero.Grains.Storage;

namespace VisionZero.Grains.Models;

/// <summary>
/// jsonb refuses \u0000 like text does, so strings (values and dictionary keys) are written the way
/// <see cref="StorageText"/> stores text: a parameter value with a NUL must not cost the whole version.
/// </summary>
public sealed class StorableStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(StorageText.Safe(value));

    public override string ReadAsPropertyName(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(StorageText.Safe(value)!);
}
