using System.Text.Json;
using Microsoft.OpenApi;
using VisionZero.Api;
using VisionZero.CrashData;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Silo.Web.Api;

/// <summary>GET /api/risk/near: the risk of the area a user stands in, the original design's "danger level".</summary>
public static class RiskEndpoints
{
    public const double MaxRadiusM = 2_000;

    /// <summary>Corners listed at most; the summary always covers every corner in the radius.</summary>
    public const int MaxList = 5_000;

    /// <summary>
    /// A phone asks for the area, not a page of 600 corners (1 km in Midtown): the nearest are listed unless asked.
    /// </summary>
    public const int DefaultList = 50;

    public static void Map(WebApplication app)
    {
        app.MapGroup("/api/risk")
            .WithTags("risk")
            .RequireRateLimiting(ReadRateLimit.Policy)
            .AddEndpointFilter<ClusterMoveRetry>()
            .MapGet("/near", async (HttpContext context, IGrainFactory grains) =>
            {
                var input = new ApiInput(context);
                var lat = input.Number("lat", NycBounds.MinLatitude, NycBounds.MaxLatitude, required: true);
                var lon = input.Number("lon", NycBounds.MinLongitude, NycBounds.MaxLongitude, required: true);
                var radius = input.Number("radiusM", 1, MaxRadiusM, fallback: 250);
                var limit = input.Number("limit", 1, MaxList, fallback: DefaultList);
                var asOf = input.Date("asOf");
                var detail = input.Text("detail", 5) ?? "brief";
                if (detail is not ("brief" or "full"))
                    input.Fail("detail", "detail must be brief or full");
                if (!input.Valid)
                    return input.Problem();
                var area = await grains.GetGrain<IGridQueryGrain>(0)
                    .Area(lat!.Value, lon!.Value, radius!.Value, (int)limit!.Value, asOf);
                var summary = new NearSummary(
                    area.Intersections,
                    area.HighestClass is { } highest ? RiskClassNames.Display(highest) : null,
                    area.ExpectedCrashes,
                    area.ModelVersion);
                // NearAnswer's shape, with each corner copied from its cached JSON.
                return ApiResults.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("latitude", lat!.Value);
                    writer.WriteNumber("longitude", lon!.Value);
                    writer.WriteNumber("radiusM", radius!.Value);
                    writer.WritePropertyName("summary");
                    JsonSerializer.Serialize(writer, summary, ApiJsonContext.Api.NearSummary);
                    writer.WriteStartArray("intersections");
                    foreach (var n in area.Nearest)
                        IntersectionJsonCache.Write(writer, n.Intersection, n.DistanceM, brief: detail == "brief");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
            })
            .Produces<NearAnswer>()
            .ProducesValidationProblem()
            .WithQuery(
                new QueryParameter("lat", JsonSchemaType.Number, "Latitude, within New York City.", Required: true),
                new QueryParameter("lon", JsonSchemaType.Number, "Longitude, within New York City.", Required: true),
                new QueryParameter(
                    "radiusM", JsonSchemaType.Number, $"Radius in metres: 1 to {MaxRadiusM} (default 250)."),
                new QueryParameter(
                    "limit",
                    JsonSchemaType.Integer,
                    $"Corners listed, nearest first: 1 to {MaxList} (default {DefaultList}). " +
                    "The summary counts every corner in the radius."),
                new QueryParameter(
                    "detail",
                    JsonSchemaType.String,
                    "brief (default): each corner's place, crash counts and forecast; full: each corner's whole " +
                    "record, as /api/intersections/{id} answers it."),
                QueryParameter.AsOf);
    }
}
