using Microsoft.AspNetCore.Http.Features;

namespace VisionZero.Silo.Web;

/// <summary>
/// A request that announces (Content-Length) more than its endpoint accepts gets 413 before anything
/// runs: Kestrel would refuse it only once the body is read, so an endpoint that never reads its body
/// would answer as if nothing were wrong. A body without a length is cut off by Kestrel as it crosses
/// the limit, and the exception handler turns that into the same 413.
/// </summary>
public static class DeclaredBodySize
{
    public static async Task RefuseOversizedAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength is { } length && limit is { } max && length > max)
        {
            // The body is never read, so the connection cannot carry another request: say so, or the
            // client would send its next request down a connection about to close.
            context.Response.Headers.Connection = "close";
            await Results.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The body is too large",
                    detail: $"This endpoint accepts at most {max} bytes; the request announced {length}.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
