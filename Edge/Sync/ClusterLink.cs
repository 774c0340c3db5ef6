using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Messaging;
using VisionZero.Edge.Lifetime;

namespace VisionZero.Edge.Sync;

/// <summary>
/// The edge's Orleans client: by gateway HOST:PORT or through PostgreSQL membership, as vz connects. Unlike vz
/// it never gives up: the first connection is retried with backoff (1 s doubling to 30 s) for as long as the
/// edge runs, and answers come from the local copy meanwhile.
/// </summary>
public sealed class ClusterLink : IAsyncDisposable
{
    public const string DefaultGateway = "127.0.0.1:30000";
    public const string DefaultClusterId = "vz";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private readonly IHost _host;
    private readonly TaskCompletionSource<IClusterClient> _connected =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _starting = Task.CompletedTask;

    private ClusterLink(IHost host) => _host = host;

    /// <summary>Completes once the first connection is made.</summary>
    public Task<IClusterClient> Connected => _connected.Task;

    public static ClusterLink Create(
        string? gateway, string? postgres, ILoggerFactory logging, string clusterId = DefaultClusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(logging);
        builder.Services.AddSingleton<IHostLifetime, ClientHostLifetime>();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var retry = FirstRetry;
        builder.UseOrleansClient(client =>
        {
            if (!string.IsNullOrWhiteSpace(postgres))
                client.Services.AddSingleton<IGatewayListProvider>(new PostgresGatewayList(postgres, clusterId));
            else
                client.UseStaticClustering(ParseGateway(gateway ?? DefaultGateway));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "vision-zero-grid";
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                await Task.Delay(retry, ct);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                return true;
            });
        });
        return new ClusterLink(builder.Build());
    }

    /// <summary>Starts connecting in the background; returns at once.</summary>
    public void Start()
    {
        _starting = Task.Run(async () =>
        {
            try
            {
                await _host.StartAsync(_stop.Token);
                _connected.TrySetResult(_host.Services.GetRequiredService<IClusterClient>());
            }
            catch (OperationCanceledException)
            {
                _connected.TrySetCanceled();
            }
        });
    }

    public static IPEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"--gateway must be HOST:PORT, not '{text}'");
        var host = text[..colon];
        if (IPAddress.TryParse(host, out var address))
            return new IPEndPoint(address, port);
        if (host == "localhost")
            return new IPEndPoint(IPAddress.Loopback, port);
        // A name is resolved once, at start: a Pi on a flaky network may not resolve it later either.
        return new IPEndPoint(Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new ArgumentException($"--gateway host '{host}' does not resolve"), port);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _starting;
        if (_connected.Task.IsCompletedSuccessfully)
            await _host.StopAsync(TimeSpan.FromSeconds(3));
        _host.Dispose();
        _stop.Dispose();
    }
}
