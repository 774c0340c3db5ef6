using Microsoft.AspNetCore.Authorization;
using VisionZero.Grains.Risk.Serving;

namespace VisionZero.Silo.Web;

/// <summary>
/// <c>X-VZ-Serve: staging</c> asks for the answer of the version in staging (<see cref="StagingRequest"/>), and
/// <c>X-VZ-Serve: production</c> for production's, even on a corner in the canary's slice: the rollout's load test
/// sends both. <c>X-VZ-Serve: live</c> asks for the answer anyone gets (the canary's on its slice): the canary's
/// simulated users send it. Admin requests only (401 without the key); not counted by the public rate limit
/// (<see cref="ReadRateLimit"/>): they measure the API's speed.
/// </summary>
public static class ServedModelHeader
{
    public const string Name = "X-VZ-Serve";
    public const string Staging = "staging";
    public const string Production = "production";
    public const string Live = "live";

    public static bool Present(HttpContext context) => context.Request.Headers.ContainsKey(Name);

    public static async Task MarkAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Headers.TryGetValue(Name, out var values))
        {
            await next(context);
            return;
        }
        var value = values.Count == 1 ? values[0] : null;
        if (value is not (Staging or Production or Live))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad X-VZ-Serve header",
                detail: $"{Name} must be exactly '{Staging}', '{Production}' or '{Live}', once").ExecuteAsync(context);
            return;
        }
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(context.User, GridWebExtensions.AdminPolicy)).Succeeded)
        {
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: $"{Name} is for the rollout's load test: send the admin key").ExecuteAsync(context);
            return;
        }
        if (value == Staging)
            StagingRequest.Mark();
        else if (value == Production)
            StagingRequest.MarkProduction();
        await next(context);
    }
}
