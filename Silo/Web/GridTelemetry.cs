using OpenTelemetry.Metrics;

namespace VisionZero.Silo.Web;

/// <summary>
/// The metrics the silo exports to Prometheus: the grid's own, the runtime's, Orleans' and ASP.NET Core's.
/// </summary>
public static class GridTelemetry
{
    public static IServiceCollection AddGridTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(
                Grains.GridMetrics.MeterName,
                "System.Runtime",
                "Microsoft.Orleans",
                "Microsoft.AspNetCore.Hosting",
                "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }
}
