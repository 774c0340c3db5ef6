using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VisionZero.Client.Lifetime;

namespace VisionZero.Client;

/// <summary>
/// Connects vz to a cluster: 127.0.0.1:30000 by default, --gateway HOST:PORT, or --postgres membership.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    public const string DefaultGateway = "127.0.0.1:30000";
    private const string ClusterId = "vz";
    private const string ServiceId = "vision-zero-grid";

    /// <summary>A gateway that accepts but is slow to answer gets this long to connect vz.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A refused gateway is retried this long (a silo still starting); past it, nobody is there.</summary>
    private static readonly TimeSpan RefusedRetryWindow = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan RefusedRetryPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// For calls without a timeout of their own (IGridQueryGrain.Top, the ingest's Complete and backtests
    /// have longer ones): a silo that is up but stuck. A silo that is gone is noticed by
    /// <see cref="GatewayWatch"/> at once.
    /// </summary>
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private readonly GatewayWatch _watch;

    private ClusterConnection(IHost host, GatewayWatch watch)
    {
        _host = host;
        _watch = watch;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection> OpenAsync(string? gateway, string? postgres, CommandStop stop,
        CancellationToken cancellationToken)
    {
        postgres ??= Environment.GetEnvironmentVariable("VZ_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
            postgres = null;
        var endpoint = postgres is null ? ParseGateway(gateway ?? DefaultGateway) : null;
        stop.ClusterAddress = endpoint?.ToString() ?? "the gateways in PostgreSQL membership";
        var watch = new GatewayWatch(stop);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        var refusedUntil = DateTime.UtcNow + RefusedRetryWindow;
        builder.UseOrleansClient(client =>
        {
            if (postgres is not null)
                client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = postgres; });
            else
                client.UseStaticClustering(endpoint!);
            client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ServiceId; });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            client.AddClusterConnectionStatusObserver(watch);
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                if (DateTime.UtcNow >= refusedUntil)
                    return false;
                await Task.Delay(RefusedRetryPause, ct);
                return true;
            });
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (e is OperationCanceledException)
                e = new TimeoutException($"no answer within {ConnectTimeout.TotalSeconds:F0} s");
            host.Dispose();
            var where = postgres is null ? $"gateway {endpoint}" : "the PostgreSQL membership table";
            throw new UserInputException(
                $"no Vision Zero Grid cluster answered at {where} ({e.GetType().Name}: {e.Message}). " +
                "Start one with `dotnet run --project Silo`.", ExitCodes.NoCluster);
        }
        watch.Arm();
        return new ClusterConnection(host, watch);
    }

    internal static IPEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new UserInputException($"--gateway must be HOST:PORT, not '{text}'");
        var host = text[..colon];
        if (!IPAddress.TryParse(host, out var address))
        {
            address = host == "localhost"
                ? IPAddress.Loopback
                : Dns.GetHostAddresses(host).FirstOrDefault()
                  ?? throw new UserInputException($"--gateway host '{host}' does not resolve");
        }
        return new IPEndPoint(address, port);
    }

    public async ValueTask DisposeAsync()
    {
        // Disconnecting closes the gateway connection: not a lost cluster.
        _watch.Disarm();
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
