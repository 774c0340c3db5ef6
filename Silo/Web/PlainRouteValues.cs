using Microsoft.AspNetCore.Http.Features;

namespace VisionZero.Silo.Web;

/// <summary>
/// API route values are taken only as written. Kestrel and routing decode the path before anything sees
/// it, so "/api/models/%31" and "/api/models/+1" would otherwise both reach version 1. For an /api route
/// with route values the raw path must match the decoded one (no percent-escapes, dot segments or repeated
/// slashes), and a numeric value must be plain ASCII digits without sign, spaces or leading zeros; else 400
/// naming the part.
/// </summary>
public static class PlainRouteValues
{
    public static async Task RefuseUnplainAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint
            && endpoint.RoutePattern.Parameters.Count > 0
            && endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true
            && Errors(context, endpoint) is { Count: > 0 } errors)
        {
            await Results.ValidationProblem(errors, title: "The request's path is not plain").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static Dictionary<string, string[]> Errors(HttpContext context, RouteEndpoint endpoint)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var raw = RawPath(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "");
        var decoded = (context.Request.PathBase + context.Request.Path).Value ?? "";
        if (raw.Contains('%') || !string.Equals(raw, decoded, StringComparison.Ordinal))
        {
            errors["path"] = [$"the path must be written plainly, without percent-escapes, dot segments or repeated " +
                              $"slashes, not '{(raw.Length > 100 ? raw[..100] + "…" : raw)}'"];
            return errors;
        }
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var numeric = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long");
            if (numeric && context.Request.RouteValues[parameter.Name] is string value && !IsPlainNumber(value))
                errors[parameter.Name] = [$"{parameter.Name} must be plain digits, without sign, spaces or " +
                                          $"leading zeros, not '{(value.Length > 40 ? value[..40] + "…" : value)}'"];
        }
        return errors;
    }

    /// <summary>The path part of a request target, also for the absolute form ("http://host/path?query").</summary>
    private static string RawPath(string target)
    {
        var query = target.IndexOfAny(['?', '#']);
        var path = query >= 0 ? target[..query] : target;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && !path.StartsWith('/'))
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash >= 0 ? path[slash..] : "/";
        }
        return path;
    }

    private static bool IsPlainNumber(string value) =>
        value.Length is > 0 and <= 10 && value.All(char.IsAsciiDigit) && (value.Length == 1 || value[0] != '0');
}
