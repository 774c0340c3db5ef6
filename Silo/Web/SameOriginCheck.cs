using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace VisionZero.Silo.Web;

/// <summary>
/// Cross-site request forgery defence for the sign-in cookie. A POST, PUT, PATCH or DELETE that the cookie
/// authenticates must come from this site: its Origin header (or, without one, its Referer) names this
/// request's scheme and host, or it carries a valid antiforgery token. Otherwise 403, saying why. Requests
/// that carry the key in a Bearer header are not a browser acting on its own and are not checked.
/// </summary>
public static class SameOriginCheck
{
    public static async Task RefuseCrossSiteAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (IsSafe(request.Method)
            || context.User.Identity is not { IsAuthenticated: true } identity
            || identity.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme)
        {
            await next(context);
            return;
        }
        var refusal = Refusal(request);
        if (refusal is not null && await HasValidTokenAsync(context))
            refusal = null;
        if (refusal is null)
        {
            await next(context);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
            detail: $"{refusal}; a signed-in {request.Method} must come from this site's own pages.",
            extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
    }

    /// <summary>Null when Origin (or Referer, without Origin) is this site; else why not.</summary>
    private static string? Refusal(HttpRequest request)
    {
        var site = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return SameSite(origin, site) ? null : $"the Origin '{Cut(origin)}' is not {site}";
        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0)
            return SameSite(referer, site) ? null : $"the Referer '{Cut(referer)}' is not on {site}";
        return "the request has neither an Origin nor a Referer header, nor an antiforgery token";
    }

    private static bool SameSite(string url, string site) =>
        Uri.TryCreate(url, UriKind.Absolute, out var given) && Uri.TryCreate(site, UriKind.Absolute, out var own)
        && string.Equals(given.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(given.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
        && given.Port == own.Port;

    private static async Task<bool> HasValidTokenAsync(HttpContext context)
    {
        try
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException
                                      or IOException and not BadHttpRequestException)
        {
            return false; // a form that cannot be read carries no token
        }
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
        || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static string Cut(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
