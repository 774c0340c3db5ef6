using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace VisionZero.Silo.Web;

/// <summary>The silo's HTTP side: authentication, the two dashboards behind it, sign-in and health.</summary>
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
        services.AddProblemDetails();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Grains.GridMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
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

    public static WebApplication MapGridWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Off (0) means off: not a no-op limiter on every request.
        if (ReadRateLimit.PerSecond(app.Configuration) > 0)
            app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        SignInPage.Map(app);
        // Hangfire's own filter would admit local requests only; the admin policy decides instead.
        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "Vision Zero Grid jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(AdminPolicy);
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AdminPolicy);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapGet("/", () => Results.Redirect("/health/ready"));
        // Prometheus scrapes from inside the network, like health checks; it reveals counts, not data.
        app.MapPrometheusScrapingEndpoint("/metrics");
        Api.IntersectionEndpoints.Map(app);
        Api.RiskEndpoints.Map(app);
        Api.ModelEndpoints.Map(app);
        Api.PredictEndpoints.Map(app);
        // The API's description and an interactive reference: public, like the read endpoints they describe.
        app.MapOpenApi("/openapi/{documentName}.json");
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, "/api/reference");
        return app;
    }
}
