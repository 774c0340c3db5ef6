using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VisionZero.Silo.Web;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// A client of this silo's own HTTP API on loopback, with the admin key: the rollout's load test and the canary's
/// simulated users reach the grid the way its users do.
/// </summary>
public static class OwnHttpApi
{
    public static HttpClient Client(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                "this silo serves no plain-HTTP API: the rollout drives it on loopback");
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        var http = new HttpClient
        {
            BaseAddress = new UriBuilder(uri) { Host = "127.0.0.1" }.Uri, Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = services.GetRequiredService<AdminKey>().Bearer();
        return http;
    }
}
