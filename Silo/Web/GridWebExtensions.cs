using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenTelemetry.Metrics;

namespace VisionZero.Silo.Web;

/// <summary>
/// The silo's HTTP services: authentication, problem details, limits, metrics, OpenAPI (the pipeline:
/// GridWebPipeline).
/// </summary>
public static class GridWebExtensions
{
    public const string AdminPolicy = "admin";
    private const string AdminScheme = "Admin";

    public static WebApplicationBuilder AddGridWeb(this WebApplicationBuilder builder, AdminKey key)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        var services = builder.Services;
        services.AddSingleton(key);
        var limits = WebLimits.From(builder.Configuration);
        services.AddSingleton(limits);
        // Small for every endpoint; POST /api/ingest raises its own (IngestEndpoints).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
        // On SIGTERM, requests in flight are drained for at most this long. Kestrel stops first and the silo
        // after it (hosted services stop in reverse order and the web host's is registered last, at Build),
        // so a draining request still reaches its grains.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = limits.ShutdownTimeout);
        services.AddSingleton(KeyGuessLimit.From(builder.Configuration));
        services.AddAntiforgery(o => o.Cookie.Name = "vz-antiforgery");
        services.AddAuthentication(AdminScheme)
            // A request with an Authorization header is judged by the key it carries, any other by its cookie.
            .AddPolicyScheme(AdminScheme, "admin key or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? AdminKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "vz-admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.LoginPath = SignInPage.Path;
                o.Events.OnRedirectToLogin = context =>
                {
                    // Browsers are sent to the sign-in page; programs get a plain 401.
                    if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
                        context.Response.Redirect(context.RedirectUri);
                    else
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireRole(AdminTicket.Role));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Kestrel's own refusals (body too large, cut short, too slow) say what was wrong; others stay generic.
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
            // A client's fault keeps its status (413, 400, 408) rather than becoming a 500, and is not logged as an error.
            // PostgreSQL failing under a grain is the service being unavailable (503), not a bug in the request.
            o.StatusCodeSelector = e => e switch
            {
                BadHttpRequestException refused => refused.StatusCode,
                Grid.StorageFailedException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            o.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Grains.GridMetrics.MeterName, "System.Runtime", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        // The document describes the API only, not the dashboards' or sign-in's own routes.
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddRateLimiter(o => ReadRateLimit.Configure(o, builder.Configuration));
        // The same wire format as `vz --json`: camelCase, absent rather than null where a field does not apply.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Api.ApiJsonContext.Default);
        });
        services.AddHealthChecks().AddCheck<GridReadyCheck>("grid", tags: ["ready"]);
        return builder;
    }
}
