using Microsoft.OpenApi;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using VisionZero.Api;
using VisionZero.CrashData;
using VisionZero.Ingest;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// POST /api/ingest (admin): a crash export (CSV, CSV.gz or SODA JSON) as the request body, streamed
/// into the grid as it arrives, answered with the summary vz ingest --json prints.
/// </summary>
public static class IngestEndpoints
{
    public const string DefaultSource = "http-upload";
    public const int MaxSourceLength = 200;

    private static readonly string[] MediaTypes =
    [
        "text/csv", "text/plain", "application/gzip", "application/x-gzip", "application/json",
        "application/octet-stream"
    ];

    public static void Map(WebApplication app)
    {
        var limits = app.Services.GetRequiredService<WebLimits>();
        app.MapPost("/api/ingest", IngestAsync)
            .WithTags("ingest")
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            // The one endpoint allowed a large body; every other keeps the small global limit.
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxIngestBytes))
            // No Accepts metadata: routing would then answer a wrong content type with a bare 415 before
            // authorization; the handler's own check says what is accepted instead.
            .WithDescription(
                $"The body is a crash export (CSV, CSV.gz or SODA JSON) sent as one of " +
                $"{string.Join(", ", MediaTypes)}; ?name= names the source.")
            .Produces<IngestSummaryJson>()
            .WithQuery(new QueryParameter(
                "name",
                JsonSchemaType.String,
                "The source's name in the ingest ledger (default: the upload's file name)."))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        // What vz replay does: queue the job that applies abandoned runs' stored records (or join the one not yet
        // finished); follow it at the job's address.
        app.MapPost("/api/ingest/replay", (IGrainFactory grains) => JobEndpoints.StartAsync(grains, GridJobKind.Replay))
            .WithTags("ingest")
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .WithDescription(
                "Queues the replay job: the records abandoned ingest runs stored are applied to their corners, " +
                "without the files (PostgreSQL only).");
    }

    private static async Task<IResult> IngestAsync(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var request = context.Request;
        if (!string.IsNullOrEmpty(request.ContentType) && !IsAccepted(request.ContentType))
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"Send the export as one of {string.Join(", ", MediaTypes)}, " +
                    $"not '{Cut(request.ContentType)}'.");
        var input = new ApiInput(context);
        var source = SourceName(context, input);
        if (!input.Valid)
            return input.Problem();
        if (await IsEmptyAsync(request, context.RequestAborted))
        {
            input.Fail("body", "the body is empty");
            return input.Problem();
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        try
        {
            var summary = await new CrashFileIngestor(grains).IngestAsync(
                request.Body, source, today, cancellationToken: context.RequestAborted);
            return Results.Ok(IngestSummaryJson.From(summary));
        }
        catch (CrashFileFormatException e)
        {
            // Refused at the header (nothing ingested) or part-way (the run is abandoned, and says so).
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a crash export",
                detail: $"{e.Message}; {e.Outcome}.",
                extensions: new Dictionary<string, object?> { ["missingColumns"] = e.MissingColumns });
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            // Broken gzip or JSON part-way: batches before the break may be stored, but their run never
            // completed; sending the whole file again repairs that (ingest is idempotent).
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not readable to its end",
                detail: $"{e.Message} The ingest stopped there; send the whole file again once it is sound.");
        }
    }

    /// <summary>?name=..., else the Content-Disposition file name, else "http-upload".</summary>
    private static string SourceName(HttpContext context, ApiInput input)
    {
        if (input.Text("name", MaxSourceLength) is { } name)
        {
            if (IsSafe(name))
                return name.Trim();
            input.Fail("name", "name may hold only letters, digits, spaces and . _ - ( ) + , @ :");
            return DefaultSource;
        }
        var header = context.Request.Headers.ContentDisposition.ToString();
        if (string.IsNullOrEmpty(header))
            return DefaultSource;
        var file = ContentDispositionHeaderValue.TryParse(header, out var disposition)
            ? HeaderUtilities.RemoveQuotes(
                disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;
        if (string.IsNullOrWhiteSpace(file))
            return DefaultSource;
        // Only the file's own name: a client may send the path it uploaded from.
        file = file[(file.LastIndexOfAny(['/', '\\']) + 1)..];
        if (file.Length <= MaxSourceLength && IsSafe(file))
            return file.Trim();
        input.Fail(
            "Content-Disposition",
            $"the file name may be at most {MaxSourceLength} letters, digits, spaces and . _ - ( ) + , @ :");
        return DefaultSource;
    }

    /// <summary>
    /// The source name is stored, logged and shown by vz: nothing that could break a line or a terminal.
    /// </summary>
    private static bool IsSafe(string name) =>
        !string.IsNullOrWhiteSpace(name) &&
        name.All(c => char.IsLetterOrDigit(c)
            || c is ' ' or '.' or '_' or '-' or '(' or ')' or '+' or ',' or '@' or ':');

    private static bool IsAccepted(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        MediaTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Looks at the first bytes without consuming them: the ingest then reads the same bytes.</summary>
    private static async Task<bool> IsEmptyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
            return true;
        var read = await request.BodyReader.ReadAsync(cancellationToken);
        var empty = read.Buffer.IsEmpty && read.IsCompleted;
        request.BodyReader.AdvanceTo(read.Buffer.Start);
        return empty;
    }

    private static string Cut(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
