using Orleans.Dashboard;
using VisionZero.Grains.Storage;
using VisionZero.Silo.Web;

namespace VisionZero.Silo.Hosting;

/// <summary>
/// The whole silo as one web application: Orleans, the grid, the jobs and HTTP. Program runs it; tests
/// that need to see inside it (its routes) build the same one in their own process.
/// </summary>
public static class SiloApp
{
    public static async Task<(WebApplication App, GridHostSettings Settings, AdminKey Key)> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = GridHostSettings.From(builder.Configuration);
        // Orleans and its resilience pipeline log every placement at Information: keep the console readable.
        // Configuration (Logging:LogLevel:...) still overrides these.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Hangfire", LogLevel.Warning);

        if (settings.Postgres is not null)
            await PostgresSchema.EnsureAsync(settings.Postgres);

        var adminKey = AdminKey.From(builder.Configuration);
        builder.UseOrleans(silo => silo.UseGridClustering(settings).AddGrid(settings.Postgres).AddDashboard());
        builder.AddGridWeb(adminKey);
        if (settings.LoadSample)
            builder.Services.AddHostedService<SampleDataLoader>();
        else
            builder.Services.AddHostedService<Jobs.FirstModelBootstrap>();

        var app = builder.Build();
        app.MapGridWeb();
        return (app, settings, adminKey);
    }
}
