using VisionZero.Silo.Web.Api;

namespace VisionZero.Silo.Web.Data;

/// <summary>
/// The data dashboard at /admin/data (its page, script and style, from Silo/Admin) and its answer at
/// GET /api/admin/data. Admin only: the ledger's sources and the quarantined rows are not for everyone.
/// </summary>
public static class DataDashboardEndpoints
{
    public const string PagePath = "/admin/data";
    public const int MaxDays = 366;
    public const int DefaultDays = 14;

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["data"] = "data.html",
        ["data.js"] = "data.js",
        ["data.css"] = "data.css",
    };

    public static IServiceCollection AddDataDashboard(this IServiceCollection services) => services
        .AddSingleton<ModelHealthCache>()
        .AddSingleton<DataDashboardBuilder>();

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/admin/data", async (HttpContext context, DataDashboardBuilder builder) =>
            {
                var input = new ApiInput(context);
                var days = input.Number("days", 1, MaxDays, fallback: DefaultDays);
                if (!input.Valid)
                    return input.Problem();
                return Results.Ok(await builder.BuildAsync((int)days!.Value, context.RequestAborted));
            })
            .WithTags("admin")
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .Produces<DataDashboardView>()
            .ProducesValidationProblem()
            .WithQuery(new QueryParameter(
                "days", Microsoft.OpenApi.JsonSchemaType.Integer,
                $"Days of ingest history, today included: 1 to {MaxDays} (default {DefaultDays})."));
        app.MapGet("/admin/{file}", (string file, HttpContext context) =>
            {
                if (!Files.TryGetValue(file, out var name))
                    return Results.NotFound();
                var path = Path.Combine(AppContext.BaseDirectory, "Admin", name);
                context.Response.Headers.ContentSecurityPolicy = SiteFiles.Policy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "no-store";
                return Results.File(path, ContentType(name));
            })
            .RequireAuthorization(GridWebExtensions.AdminPolicy)
            .ExcludeFromDescription();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "text/css; charset=utf-8",
    };
}
