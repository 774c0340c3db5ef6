namespace VisionZero.Silo.Web;

/// <summary>
/// Failures as problem details: the status an exception maps to, and what its detail tells the caller.
/// </summary>
public static class GridProblemDetails
{
    public static IServiceCollection AddGridProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Kestrel's own refusals (body too large, cut short, too slow) say what was wrong; others stay
            // generic.
            if (context.Exception is BadHttpRequestException refused)
                context.ProblemDetails.Detail = refused.Message;
            else if (context.Exception is Grid.StorageFailedException storage)
                // PostgreSQL's own message is for the operator; the public is told what happened, not how.
                context.ProblemDetails.Detail = context.HttpContext.User.IsInRole(AdminTicket.Role)
                    ? storage.Message
                    : "the grid's storage is unavailable; try again later";
        });
        services.AddExceptionHandler(o =>
        {
            // A client's fault keeps its status (413, 400, 408) rather than becoming a 500, and is not logged
            // as an error. PostgreSQL failing under a grain is the service being unavailable (503), not a bug
            // in the request.
            o.StatusCodeSelector = e => e switch
            {
                BadHttpRequestException refused => refused.StatusCode,
                Grid.StorageFailedException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            o.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        return services;
    }
}
