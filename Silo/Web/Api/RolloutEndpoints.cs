using VisionZero.Api;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// A version's rollout over HTTP: GET /api/models/{v}/rollout (public, as the version itself) lists its steps and
/// verdicts, GET /api/models/{v}/live its accuracy on matured served predictions (POST /api/models/live-check, admin,
/// runs the feedback loop's check now), GET /api/models/{v}/drift its drift on the data clock's day (POST
/// /api/models/drift-check, admin, runs the daily drift check now); POST /api/models/{v}/gate, /staging and /canary
/// (admin key) queue its offline gate, its staging load test or its canary soak and answer 202 with the job.
/// </summary>
public static class RolloutEndpoints
{
    public static void Map(WebApplication app)
    {
        var models = app.MapGroup("/api/models").WithTags("models");
        models.MapGet("/{version:int}/rollout", async (int version, IGrainFactory grains) =>
            {
                var registry = grains.GetGrain<IModelRegistryGrain>(0);
                return await registry.Get(version) is { } info
                    ? Results.Ok(RolloutJson.From(info, await registry.Rollout(version)))
                    : NoSuchVersion(version);
            })
            .RequireRateLimiting(ReadRateLimit.Policy)
            .Produces<RolloutJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/{version:int}/live", async (int version, IGrainFactory grains) =>
            {
                try
                {
                    return Results.Ok(await grains.GetGrain<IGridJobsGrain>(0).GetLiveAccuracy(version));
                }
                catch (KeyNotFoundException)
                {
                    return NoSuchVersion(version);
                }
            })
            .RequireRateLimiting(ReadRateLimit.Policy)
            .Produces<LiveAccuracy>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/{version:int}/drift", async (int version, IGrainFactory grains) =>
            {
                try
                {
                    return Results.Ok(await grains.GetGrain<IGridJobsGrain>(0).GetDrift(version));
                }
                catch (KeyNotFoundException)
                {
                    return NoSuchVersion(version);
                }
            })
            .RequireRateLimiting(ReadRateLimit.Policy)
            .Produces<ModelDrift>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/drift-check", (IGrainFactory grains) => JobEndpoints.StartAsync(grains, GridJobKind.Drift))
            .RequireAuthorization(GridWebExtensions.AdminPolicy);
        models.MapPost("/live-check", (IGrainFactory grains) => JobEndpoints.StartAsync(grains, GridJobKind.Live))
            .RequireAuthorization(GridWebExtensions.AdminPolicy);
        models.MapPost("/{version:int}/gate", (int version, IGrainFactory grains) =>
                StartAsync(version, () => grains.GetGrain<IGridJobsGrain>(0).StartGate(version, "api (admin key)")))
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/{version:int}/staging", (int version, IGrainFactory grains) =>
                StartAsync(version, () => grains.GetGrain<IGridJobsGrain>(0).StartStaging(version, "api (admin key)")))
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/{version:int}/canary", (int version, IGrainFactory grains) =>
                StartAsync(version, () => grains.GetGrain<IGridJobsGrain>(0).StartCanary(version, "api (admin key)")))
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> StartAsync(int version, Func<Task<GridJobStart>> start)
    {
        try
        {
            return JobEndpoints.Accepted(await start());
        }
        catch (KeyNotFoundException)
        {
            return NoSuchVersion(version);
        }
    }

    private static IResult NoSuchVersion(int version) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such model version",
        detail: $"No model version {version}.");
}
