using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisionZero.Silo.Web;
using VisionZero.Silo.Web.Api;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The silo's own model endpoints (<see cref="ModelEndpoints"/>, with its JSON options) on a loopback port over
/// the fixture's cluster: GET /api/models/{v} answered by the silo's code without starting another silo.
/// </summary>
internal sealed class ModelsApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelsApi(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    public static async Task<ModelsApi> StartAsync(IClusterClient client)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IGrainFactory>(client);
        builder.Services.AddGridJson();
        builder.Services.AddRateLimiter(o => ReadRateLimit.Configure(o, builder.Configuration));
        // Only the public reads are asked here; the admin routes stay closed.
        builder.Services.AddAuthorization(o =>
            o.AddPolicy(GridWebExtensions.AdminPolicy, p => p.RequireAssertion(_ => false)));
        var app = builder.Build();
        ModelEndpoints.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new ModelsApi(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
