namespace VisionZero.Silo.Web;

/// <summary>
/// The silo's HTTP services, one concern at a time: the web host, authentication, problem details, metrics,
/// OpenAPI, rate limits, JSON and health (the pipeline: GridWebPipeline).
/// </summary>
public static class GridWebExtensions
{
    public const string AdminPolicy = "admin";

    public static WebApplicationBuilder AddGridWeb(this WebApplicationBuilder builder, AdminKey key)
    {
        builder.AddGridWebHost();
        var services = builder.Services;
        services.AddGridAuthentication(key, builder.Configuration);
        services.AddGridProblemDetails();
        services.AddGridTelemetry();
        services.AddGridOpenApi();
        services.AddRateLimiter(o => ReadRateLimit.Configure(o, builder.Configuration));
        services.AddGridJson();
        Data.DataDashboardEndpoints.AddDataDashboard(services);
        services.AddHealthChecks().AddCheck<GridReadyCheck>("grid", tags: ["ready"]);
        return builder;
    }
}
