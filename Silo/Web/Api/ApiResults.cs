using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// 200 answers written through the build-time serializers in one synchronous pass, straight into the
/// response's pipe: the streaming writer behind Results.Ok keeps a resumable stack per property (a third
/// of a near query's CPU), and serializing to an array first would copy every answer once more.
/// </summary>
public static class ApiResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> type) =>
        new JsonAnswer(writer => JsonSerializer.Serialize(writer, value, type));

    /// <summary>One corner, from its cached bytes.</summary>
    public static IResult Intersection(IntersectionSnapshot snapshot) =>
        new JsonAnswer(writer => writer.WriteRawValue(IntersectionJsonCache.Utf8(snapshot), skipInputValidation: true));

    /// <summary>A list of corners, from their cached bytes.</summary>
    public static IResult Intersections(IReadOnlyList<IntersectionSnapshot> snapshots) =>
        new JsonAnswer(writer =>
        {
            writer.WriteStartArray();
            foreach (var snapshot in snapshots)
                writer.WriteRawValue(IntersectionJsonCache.Utf8(snapshot), skipInputValidation: true);
            writer.WriteEndArray();
        });

    /// <summary>An answer written by hand, for one that is mostly cached corners.</summary>
    public static IResult Json(Action<Utf8JsonWriter> write) => new JsonAnswer(write);

    private sealed class JsonAnswer(Action<Utf8JsonWriter> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            var body = context.Response.BodyWriter;
            using (var writer = new Utf8JsonWriter(
                       body,
                       new JsonWriterOptions { Encoder = ApiJsonContext.Api.Options.Encoder, SkipValidation = true }))
                write(writer);
            await body.FlushAsync(context.RequestAborted);
        }
    }
}
