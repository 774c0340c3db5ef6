using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace VisionZero.Silo.Web;

/// <summary>
/// The silo's HTTP pipeline, in order: errors as problems, the map's files, rate limits, the key-guess lockout,
/// authentication,
/// the cookie's same-origin check, authorization, plain route values, the
/// dashboard's silo addresses; then sign-in, the dashboards, health,
/// metrics and the API.
/// </summary>
public static class GridWebPipeline
{
    public static WebApplication MapGridWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSite();
        // Off (0) means off: not a no-op limiter on every request.
        if (ReadRateLimit.PerSecond(app.Configuration) > 0)
            app.UseRateLimiter();
        app.Use(app.Services.GetRequiredService<KeyGuessLimit>().RefuseLockedOutAsync);
        app.UseAuthentication();
        app.Use(SameOriginCheck.RefuseCrossSiteAsync);
        app.UseAuthorization();
        app.Use(ServedModelHeader.MarkAsync);
        app.Use(PlainRouteValues.RefuseUnplainAsync);
        app.Use(DashboardSiloAddress.RefuseMalformedAsync);
        app.Use(DeclaredBodySize.RefuseOversizedAsync);
        app.UseAntiforgery();
        SignInPage.Map(app);
        // Hangfire's own filter would admit local requests only; the admin policy decides instead.
        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "Vision Zero Grid jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(GridWebExtensions.AdminPolicy);
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(GridWebExtensions.AdminPolicy);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        // Prometheus scrapes from inside the network, like health checks; it reveals counts, not data.
        app.MapPrometheusScrapingEndpoint("/metrics");
        Api.IntersectionEndpoints.Map(app);
        Api.RiskEndpoints.Map(app);
        Api.ModelEndpoints.Map(app);
        Api.RolloutEndpoints.Map(app);
        Api.JobEndpoints.Map(app);
        Api.PredictEndpoints.Map(app);
        Api.IngestEndpoints.Map(app);
        Api.MapEndpoints.Map(app);
        Data.DataDashboardEndpoints.Map(app);
        // The API's description and an interactive reference: public, like the read endpoints they describe.
        app.MapOpenApi("/openapi/{documentName}.json");
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, "/api/reference");
        return app;
    }
}
