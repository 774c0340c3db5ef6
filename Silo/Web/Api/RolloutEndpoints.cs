using VisionZero.Api;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// A version's rollout over HTTP: GET /api/models/{v}/rollout (public, as the version itself) lists its steps and
/// verdicts; POST /api/models/{v}/gate (admin key) queues its offline gate and answers 202 with the job.
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
        models.MapPost("/{version:int}/gate", async (int version, IGrainFactory grains) =>
            {
                try
                {
                    return JobEndpoints.Accepted(
                        await grains.GetGrain<IGridJobsGrain>(0).StartGate(version, "api (admin key)"));
                }
                catch (KeyNotFoundException)
                {
                    return NoSuchVersion(version);
                }
            })
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult NoSuchVersion(int version) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such model version",
        detail: $"No model version {version}.");
}
