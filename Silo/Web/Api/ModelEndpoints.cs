using Microsoft.OpenApi;
using VisionZero.Api;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// The registry over HTTP: versions are public reads (one version with its backtests and the edge devices'
/// evaluations); training, tuning, promotion and rollback need the admin key and answer like vz (the job id to
/// follow, or the version as it now stands).
/// </summary>
public static class ModelEndpoints
{
    public static void Map(WebApplication app)
    {
        var models = app.MapGroup("/api/models").WithTags("models");
        var reads = models.MapGroup("").RequireRateLimiting(ReadRateLimit.Policy).AddEndpointFilter<ClusterMoveRetry>();
        reads.MapGet("/", async (IGrainFactory grains) =>
            Results.Ok((await Registry(grains).List()).Select(v => ModelVersionJson.From(v))));
        reads.MapGet("/{version:int}", async (int version, IGrainFactory grains) =>
            await Registry(grains).Get(version) is { } info
                ? Results.Ok(ModelVersionJson.From(
                    info, withBacktests: true, await Registry(grains).EdgeEvaluations(version)))
                : Results.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "No such model version",
                    detail: $"No model version {version}."));

        var admin = models.MapGroup("").RequireAuthorization(GridWebExtensions.AdminPolicy);
        admin.MapPost("/train", (IGrainFactory grains) => JobEndpoints.StartAsync(grains, GridJobKind.Train));
        admin.MapPost("/tune", (IGrainFactory grains) => JobEndpoints.StartAsync(grains, GridJobKind.Tune));
        admin.MapPost("/{version:int}/promote", async (int version, HttpContext context, IGrainFactory grains) =>
        {
            var input = new ApiInput(context);
            var text = input.Text("stage", 20, required: true);
            var why = input.Text("why", 500) ?? "promoted over the HTTP API";
            var force = input.Text("force", 5);
            if (force is not (null or "true" or "false"))
                input.Fail("force", "force must be exactly true or false");
            if (text is not null && !StageNames.TryParse(text, out _))
                input.Fail("stage", $"stage must be exactly one of {StageNames.All}, not '{text}'");
            if (!input.Valid)
                return input.Problem();
            StageNames.TryParse(text, out var stage);
            try
            {
                var registry = Registry(grains);
                return Results.Ok(ModelVersionJson.From(force == "true"
                    ? await registry.ForcePromote(version, stage, "api (admin key)", why)
                    : await registry.Promote(version, stage, "api (admin key)", why)));
            }
            catch (KeyNotFoundException e)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status404NotFound, title: "No such model version", detail: e.Message);
            }
            catch (InvalidOperationException e)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "Not through the rollout's gates",
                    detail: e.Message);
            }
        }).WithQuery(
            new QueryParameter(
                "stage",
                JsonSchemaType.String,
                $"The stage to move the version to: {StageNames.All}.",
                Required: true),
            new QueryParameter("why", JsonSchemaType.String, "Why, for the stage history (at most 500 characters)."),
            new QueryParameter("force", JsonSchemaType.String,
                "true: promote past the rollout's gates (production without a passed offline gate), recorded as " +
                "forced."));
        admin.MapPost("/rollback", async (IGrainFactory grains) =>
        {
            try
            {
                return Results.Ok(ModelVersionJson.From(
                    await Registry(grains).Rollback("api (admin key)", "rollback over the HTTP API")));
            }
            catch (InvalidOperationException e)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to", detail: e.Message);
            }
        });
        // The path jobs were first followed at; GET /api/jobs/{id} is the canonical one.
        admin.MapGet("/jobs/{id}", JobEndpoints.StatusAsync).ExcludeFromDescription();
    }

    private static IModelRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IModelRegistryGrain>(0);
}
