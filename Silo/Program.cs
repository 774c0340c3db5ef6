using Orleans.Dashboard;
using VisionZero.Grains.Storage;
using VisionZero.Silo.Hosting;
using VisionZero.Silo.Web;

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
    builder.Services.AddHostedService<VisionZero.Silo.Jobs.FirstModelBootstrap>();

var app = builder.Build();
app.MapGridWeb();
await app.StartAsync();
Console.WriteLine(settings.IsEmbedded
    ? $"Vision Zero Grid silo up on the EMBEDDED default (localhost clustering, in-memory storage: nothing persists). " +
      $"Gateway 127.0.0.1:{settings.GatewayPort}. Pass --postgres \"Host=...\" (or VZ_POSTGRES) to use PostgreSQL."
    : $"Vision Zero Grid silo up on PostgreSQL (cluster '{settings.ClusterId}'). Silo port {settings.SiloPort}, gateway 127.0.0.1:{settings.GatewayPort}.");
Console.WriteLine($"HTTP on {string.Join(", ", app.Urls)}: dashboards /dashboard and /hangfire, health /health/ready. " +
                  (adminKey.File is { } file
                      ? $"No VZ_ADMIN_KEY was set: the admin key was generated into {file}."
                      : "Admin key from VZ_ADMIN_KEY."));
await app.WaitForShutdownAsync();
