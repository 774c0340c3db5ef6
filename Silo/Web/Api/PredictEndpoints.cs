using System.Buffers;
using System.Text.Json;
using Microsoft.OpenApi;
using VisionZero.CrashData;
using VisionZero.Grains;
using VisionZero.Grid;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Risk;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// POST /api/predict: the original design's endpoint. With the three counts it is scored by the production
/// version's windows model in the request itself (no grain call); with the corner alone, the corner answers from
/// its own windows with the risk model, as GET /api/intersections/{id} does.
/// </summary>
public static class PredictEndpoints
{
    /// <summary>Four fields fit in a few hundred bytes; anything far bigger is not a prediction request.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/predict", async (HttpContext context, ServingModels production, IGrainFactory grains) =>
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
                return Parse(buffer.AsMemory(0, length), input) is not { } request
                    ? input.Problem()
                    : request.HasCounts
                        ? Answer(request, production)
                        : await CornerAnswerAsync(request, input, grains);
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

    private static PredictRequest? Parse(ReadOnlyMemory<byte> body, ApiInput input)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            input.Fail("body", "the body is not valid UTF-8");
            return null;
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
            return null;
        }
        using (document)
            return PredictRequest.Read(document.RootElement, input);
    }

    private static IResult Answer(PredictRequest request, ServingModels production)
    {
        // The corner's own model: a canary version answers for its slice of corners here too.
        var model = production.For(request.IntersectionId);
        if (model is null)
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No model in production",
                detail: production.Unavailable);
        if (model.AssessWindows(request.Accidents6m!.Value, request.Accidents1y!.Value, request.Accidents5y!.Value)
            is not { } risk)
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No windows model",
                detail: $"model version {model.Version} was trained before the windows model existed: " +
                    "train and promote a new version");
        GridMetrics.CountPrediction(risk.RiskClass);
        return ApiResults.Json(PredictAnswer.From(request.IntersectionId, risk), ApiJsonContext.Api.PredictAnswer);
    }

    /// <summary>The original design's simulated client sends the corner alone; the grid knows its counts.</summary>
    private static async Task<IResult> CornerAnswerAsync(PredictRequest request, ApiInput input, IGrainFactory grains)
    {
        var asked = request.IntersectionId;
        var key = IntersectionKey.LooksLikeId(asked) ? null : IntersectionKey.Parse(asked);
        var id = key?.Id ?? asked;
        if (key is null && !IntersectionKey.LooksLikeId(asked))
        {
            input.Fail("intersection_id", "intersection_id alone must name a corner: the roadway and the cross " +
                "street joined by '_' (FLATBUSH AVENUE_AVENUE U), two streets joined by '&', or an id " +
                "(avenue-u--flatbush-avenue); or send accidents_6m, accidents_1y and accidents_5y with it");
            return input.Problem();
        }
        var corner = await grains.GetGrain<IGridQueryGrain>(0).Get(id, asOf: null);
        if (corner is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such intersection",
                detail: $"No intersection '{asked}' (id {id}) in the grid.",
                extensions: new Dictionary<string, object?>
                {
                    ["suggestions"] = await Suggestions.ClosestAsync(grains, key?.Name ?? asked, 5),
                });
        if (corner.Risk is not { } risk)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No model in production", detail: corner.RiskUnavailable);
        GridMetrics.CountPrediction(risk.RiskClass);
        return ApiResults.Json(PredictAnswer.From(asked, corner, risk), ApiJsonContext.Api.PredictAnswer);
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
