using Microsoft.OpenApi;
using VisionZero.Api;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>GET /api/intersections/{id}, ?name=..., /top: the intersection resource, as vz prints it.</summary>
public static class IntersectionEndpoints
{
    public const int MaxTop = 200_000;

    private static readonly string[] Boroughs = ["MANHATTAN", "BRONX", "BROOKLYN", "QUEENS", "STATEN ISLAND"];

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/intersections")
            .WithTags("intersections")
            .RequireRateLimiting(ReadRateLimit.Policy)
            .AddEndpointFilter<ClusterMoveRetry>();
        api.MapGet("/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
        {
            var input = new ApiInput(context);
            var asOf = input.Date("asOf");
            if (id.Length > 300 || !IntersectionKey.LooksLikeId(id))
                input.Fail("id", "id must be an intersection id such as avenue-u--flatbush-avenue");
            return input.Valid ? await OneAsync(grains, id, asOf, id) : input.Problem();
        }).Produces<IntersectionJson>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithQuery(QueryParameter.AsOf);
        api.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
        {
            var input = new ApiInput(context);
            var name = input.Text("name", 200, required: true);
            var asOf = input.Date("asOf");
            var key = name is null ? null : IntersectionKey.Parse(name);
            if (name is not null && key is null)
                input.Fail("name", "name must be two streets, \"STREET A & STREET B\", in any order or abbreviation");
            return input.Valid ? await OneAsync(grains, key!.Id, asOf, name!) : input.Problem();
        }).Produces<IntersectionJson>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithQuery(
                new QueryParameter(
                    "name",
                    JsonSchemaType.String,
                    "Two streets, \"STREET A & STREET B\", in any order or abbreviation.",
                    Required: true),
                QueryParameter.AsOf);
        api.MapGet("/top", async (HttpContext context, IGrainFactory grains) =>
        {
            var input = new ApiInput(context);
            var k = input.Number("k", 1, MaxTop, fallback: 20);
            var asOf = input.Date("asOf");
            var borough = input.Text("borough", 40)?.Trim().ToUpperInvariant();
            if (borough is not null && !Boroughs.Contains(borough))
                input.Fail("borough", $"borough must be one of {string.Join(", ", Boroughs)}");
            if (!input.Valid)
                return input.Problem();
            var query = grains.GetGrain<IGridQueryGrain>(0);
            // The whole ranking is kept per day, grid generation and model version (SnapshotCache), and split by
            // borough once.
            var chosen = borough is null
                ? await query.Top((int)k!.Value, asOf)
                : await query.TopIn(borough, (int)k!.Value, asOf);
            return ApiResults.Intersections(chosen);
        }).Produces<List<IntersectionJson>>().ProducesValidationProblem()
            .WithQuery(
                new QueryParameter(
                    "k",
                    JsonSchemaType.Integer,
                    $"How many hotspots, highest risk score first: 1 to {MaxTop} (default 20)."),
                new QueryParameter(
                    "borough", JsonSchemaType.String, $"Only this borough: {string.Join(", ", Boroughs)}."),
                QueryParameter.AsOf);
    }

    private static async Task<IResult> OneAsync(IGrainFactory grains, string id, DateOnly? asOf, string asked)
    {
        var snapshot = await grains.GetGrain<IGridQueryGrain>(0).Get(id, asOf);
        if (snapshot is not null)
            return ApiResults.Intersection(snapshot);
        var suggestions = await Suggestions.ClosestAsync(grains, asked, 5);
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such intersection",
            detail: $"No intersection '{asked}' (id {id}) in the grid.",
            extensions: new Dictionary<string, object?> { ["suggestions"] = suggestions });
    }
}
