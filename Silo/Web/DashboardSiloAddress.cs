namespace VisionZero.Silo.Web;

/// <summary>
/// The Orleans dashboard's per-silo routes (/dashboard/Silo*/{address}, /dashboard/HistoricalStats/{path})
/// parse their value as a silo address inside a grain and answer 500 when it is not one. Checked here first:
/// anything that does not parse is a 400 naming the parameter.
/// </summary>
public static class DashboardSiloAddress
{
    public static async Task RefuseMalformedAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && pattern.StartsWith("/dashboard/", StringComparison.Ordinal)
            && (pattern.EndsWith("/{*address}", StringComparison.Ordinal)
                || pattern.EndsWith("/HistoricalStats/{*path}", StringComparison.Ordinal)))
        {
            var name = pattern.EndsWith("/{*address}", StringComparison.Ordinal) ? "address" : "path";
            if (!Parses(context.Request.RouteValues[name] as string))
            {
                await Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    [name] = [$"{name} must be a silo address as the dashboard lists them " +
                              "(such as S127.0.0.1:11111:123456789)"],
                }, title: "The request has invalid parameters").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    private static bool Parses(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
            return false;
        try
        {
            SiloAddress.FromParsableString(text);
            return true;
        }
        catch (Exception e)
            when (e is FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
