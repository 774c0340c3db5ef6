using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisionZero.Grains.Storage;
using VisionZero.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
var settings = GridHostSettings.From(builder.Configuration);
// Orleans and its resilience pipeline log every placement at Information: keep the console readable.
// Configuration (Logging:LogLevel:...) still overrides these.
builder.Logging.AddFilter("Orleans", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

if (settings.Postgres is not null)
    await PostgresSchema.EnsureAsync(settings.Postgres);

builder.UseOrleans(silo => silo.UseGridClustering(settings).AddGrid(settings.Postgres));
if (settings.LoadSample)
    builder.Services.AddHostedService<SampleDataLoader>();
else
    builder.Services.AddHostedService<VisionZero.Silo.Jobs.FirstModelBootstrap>();

var host = builder.Build();
await host.StartAsync();
Console.WriteLine(settings.IsEmbedded
    ? $"Vision Zero Grid silo up on the EMBEDDED default (localhost clustering, in-memory storage: nothing persists). " +
      $"Gateway 127.0.0.1:{settings.GatewayPort}. Pass --postgres \"Host=...\" (or VZ_POSTGRES) to use PostgreSQL."
    : $"Vision Zero Grid silo up on PostgreSQL (cluster '{settings.ClusterId}'). Silo port {settings.SiloPort}, gateway 127.0.0.1:{settings.GatewayPort}.");
await host.WaitForShutdownAsync();
