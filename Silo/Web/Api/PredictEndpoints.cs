using System.Buffers;
using System.Text.Json;
using Microsoft.OpenApi;
using VisionZero.Grains;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Risk;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// POST /api/predict: the original design's endpoint, scored by the production version's windows
/// model in the request itself (no grain call: the three counts are all it needs).
/// </summary>
public static class PredictEndpoints
{
    /// <summary>Four fields fit in a few hundred bytes; anything far bigger is not a prediction request.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/predict", async (HttpContext context, ServingModels production) =>
        {
            var input = new ApiInput(context);
            var contentType = context.Request.ContentType;
            if (contentType is not null
                && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                return Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported content type",
                    detail: $"the body must be application/json, not " +
                        $"'{(contentType.Length > 60 ? contentType[..60] : contentType)}'");
            var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
            try
            {
                var length = await ReadBodyAsync(context.Request.Body, buffer, context.RequestAborted);
                if (length > MaxBodyBytes)
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
                        detail: $"a prediction request is a small JSON object: at most {MaxBodyBytes} bytes");
                if (length == 0)
                {
                    input.Fail(
                        "body",
                        "the body is empty: send a JSON object with intersection_id, accidents_6m, accidents_1y " +
                        "and accidents_5y");
                    return input.Problem();
                }
                return Answer(buffer.AsMemory(0, length), input, production);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        })
        .WithTags("predict")
        // The body is described here rather than with Accepts(), whose routing would refuse another
        // content type with a bare 415 before the handler could say what it expects.
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(PredictRequest), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        })
        .Produces<PredictAnswer>()
        .ProducesValidationProblem()
        .RequireRateLimiting(ReadRateLimit.Policy);
    }

    private static IResult Answer(ReadOnlyMemory<byte> body, ApiInput input, ServingModels production)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            input.Fail("body", "the body is not valid UTF-8");
            return input.Problem();
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            input.Fail(
                "body", $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
            return input.Problem();
        }
        using (document)
        {
            var request = PredictRequest.Read(document.RootElement, input);
            if (request is null)
                return input.Problem();
            // The corner's own model: a canary version answers for its slice of corners here too.
            var model = production.For(request.IntersectionId);
            if (model is null)
                return Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "No model in production",
                    detail: production.Unavailable);
            if (model.AssessWindows(request.Accidents6m, request.Accidents1y, request.Accidents5y) is not { } risk)
                return Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "No windows model",
                    detail: $"model version {model.Version} was trained before the windows model existed: " +
                        "train and promote a new version");
            GridMetrics.CountPrediction(risk.RiskClass);
            return ApiResults.Json(PredictAnswer.From(request.IntersectionId, risk), ApiJsonContext.Api.PredictAnswer);
        }
    }

    /// <summary>
    /// Reads into the buffer until the body ends or the buffer is full (more than the limit: read no further).
    /// </summary>
    private static async Task<int> ReadBodyAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        int read;
        while (length <= MaxBodyBytes
            && (read = await body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken)) > 0)
            length += read;
        return length;
    }
}
