using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VisionZero.Silo.Hosting;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// The silo built by the same code as Program, in this process, on loopback: real Orleans, real Kestrel,
/// and its route table (EndpointDataSource) visible to the test. Embedded storage, no sample, no rate
/// limits.
/// </summary>
public sealed class InProcessSilo : IAsyncLifetime
{
    public const string Key = "in-process-admin-key-0123456789";
    public const int HttpPort = 26150;

    private WebApplication? _app;

    public IReadOnlyList<RouteEndpoint> Routes =>
        [.. _app!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>The silo's own grain factory: calls made here need no client.</summary>
    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where vz connects to this silo.</summary>
    public const string Gateway = "127.0.0.1:27550";

    public async Task InitializeAsync()
    {
        (_app, _, _) = await SiloApp.BuildAsync([
            "--postgres= ", "--silo-port", "27150", "--gateway-port", "27550", "--urls", $"http://127.0.0.1:{HttpPort}",
            "--sample", "false", "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0",
            // Hostile Authorization headers would lock the test's own address out: the limiter has its own test.
            "--Web:KeyFailureLimit", "0",
            "--Jobs:TrainFirstModel", "false", "--Jobs:Workers", "1", "--Logging:LogLevel:Default", "Critical",
        ]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InProcessSiloCollection : ICollectionFixture<InProcessSilo>
{
    public const string Name = "in-process silo";
}
