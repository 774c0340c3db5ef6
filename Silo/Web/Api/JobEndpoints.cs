using VisionZero.Jobs;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// GET /api/jobs/{id} (admin key): where a queued background job (train, tune, ingest, replay) stands.
/// GET /api/models/jobs/{id}, where jobs were first followed, answers the same.
/// </summary>
public static class JobEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGroup("/api/jobs").WithTags("jobs").RequireAuthorization(GridWebExtensions.AdminPolicy)
            .MapGet("/{id}", StatusAsync).Produces<GridJobStatus>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// 202 with the job to follow, as every endpoint that queues one answers; joined: it is one of the same kind
    /// that was already queued or running (started by startedBy), not a new one.
    /// </summary>
    public static IResult Accepted(GridJobStart start) =>
        Results.Accepted($"/api/jobs/{start.JobId}", new
        {
            job = start.JobId, state = start.State, joined = start.Joined, startedBy = start.StartedBy,
        });

    /// <summary>Starts the kind's job, or joins the one not yet finished, for a request with the admin key.</summary>
    public static async Task<IResult> StartAsync(IGrainFactory grains, GridJobKind kind) =>
        Accepted(await grains.GetGrain<IGridJobsGrain>(0).Start(kind, "api (admin key)"));

    public static async Task<IResult> StatusAsync(string id, IGrainFactory grains)
    {
        // Job ids are what queueing answered: short, letters, digits, hyphens.
        if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = ["id must be a job id as queueing answered it: up to 64 letters, digits and hyphens"],
            }, title: "The request has invalid parameters");
        return await grains.GetGrain<IGridJobsGrain>(0).GetStatus(id) is { } status
            ? Results.Ok(status)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such job", detail: $"No job {id}.");
    }
}
