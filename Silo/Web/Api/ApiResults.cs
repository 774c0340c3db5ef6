using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// 200 answers written through the build-time serializers in one synchronous pass, straight into the
/// response's pipe: the streaming writer behind Results.Ok keeps a resumable stack per property (a third
/// of a near query's CPU), and serializing to an array first would copy every answer once more.
/// </summary>
public static class ApiResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> type) => new JsonAnswer<T>(value, type);

    private sealed class JsonAnswer<T>(T value, JsonTypeInfo<T> type) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            var body = context.Response.BodyWriter;
            using (var writer = new Utf8JsonWriter(
                       body,
                       new JsonWriterOptions { Encoder = type.Options.Encoder, SkipValidation = true }))
                JsonSerializer.Serialize(writer, value, type);
            await body.FlushAsync(context.RequestAborted);
        }
    }
}
