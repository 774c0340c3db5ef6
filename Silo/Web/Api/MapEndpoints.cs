using Microsoft.OpenApi;
using VisionZero.Api;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>What the risk map at / reads: the corners of a box, and a corner's crashes month by month.</summary>
public static class MapEndpoints
{
    public const int MaxCorners = 20_000;

    public static void Map(WebApplication app)
    {
        var map = app.MapGroup("/api")
            .WithTags("map")
            .RequireRateLimiting(ReadRateLimit.Policy)
            .AddEndpointFilter<ClusterMoveRetry>();
        map.MapGet("/map/corners", async (HttpContext context, IGrainFactory grains) =>
        {
            var input = new ApiInput(context);
            var west = input.Number("west", -180, 180, required: true);
            var south = input.Number("south", -90, 90, required: true);
            var east = input.Number("east", -180, 180, required: true);
            var north = input.Number("north", -90, 90, required: true);
            var max = input.Number("max", 1, MaxCorners, fallback: 3_000);
            if (west >= east)
                input.Fail("east", "east must be greater than west");
            if (south >= north)
                input.Fail("north", "north must be greater than south");
            if (!input.Valid)
                return input.Problem();
            // The day's whole ranking, kept warm by the silo (HotspotRankingWarmer): no corner is asked per view.
            var grid = await grains.GetGrain<IGridQueryGrain>(0).Top(IntersectionEndpoints.MaxTop, null);
            return ApiResults.Json(
                MapViewBuilder.Build(grid, west!.Value, south!.Value, east!.Value, north!.Value, (int)max!.Value),
                ApiJsonContext.Api.MapView);
        }).Produces<MapView>().ProducesValidationProblem()
            .WithQuery(
                new QueryParameter("west", JsonSchemaType.Number, "The box's western longitude.", Required: true),
                new QueryParameter("south", JsonSchemaType.Number, "The box's southern latitude.", Required: true),
                new QueryParameter("east", JsonSchemaType.Number, "The box's eastern longitude.", Required: true),
                new QueryParameter("north", JsonSchemaType.Number, "The box's northern latitude.", Required: true),
                new QueryParameter(
                    "max",
                    JsonSchemaType.Integer,
                    $"Corners drawn one by one at most (1 to {MaxCorners}, default 3000); past it, cells."));
        map.MapGet("/intersections/{id}/months", async (string id, HttpContext context, IGrainFactory grains) =>
        {
            var input = new ApiInput(context);
            if (id.Length > 300 || !IntersectionKey.LooksLikeId(id))
                input.Fail("id", "id must be an intersection id such as avenue-u--flatbush-avenue");
            if (!input.Valid)
                return input.Problem();
            var history = await grains.GetGrain<IIntersectionGrain>(id).GetHistory(null);
            if (history is null)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such intersection",
                    detail: $"No intersection with id {id} has a crash in the grid.");
            return ApiResults.Json(Months(history), ApiJsonContext.Api.ListCrashMonth);
        }).Produces<List<CrashMonth>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Every calendar month from the first crash to the last, months without a crash included.</summary>
    public static List<CrashMonth> Months(IntersectionHistory history)
    {
        if (history.Crashes.IsEmpty)
            return [];
        var byMonth = history.Crashes
            .GroupBy(c => new DateOnly(c.Date.Year, c.Date.Month, 1))
            .ToDictionary(g => g.Key, g => new CrashMonth(g.Key.ToString("yyyy-MM"), g.Count(),
                g.Sum(c => c.Casualties.PersonsInjured), g.Sum(c => c.Casualties.PersonsKilled)));
        var first = byMonth.Keys.Min();
        var last = byMonth.Keys.Max();
        var months = new List<CrashMonth>();
        for (var m = first; m <= last; m = m.AddMonths(1))
            months.Add(byMonth.TryGetValue(m, out var month) ? month : new CrashMonth(m.ToString("yyyy-MM"), 0, 0, 0));
        return months;
    }
}
