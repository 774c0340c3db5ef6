using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace VisionZero.Client;

/// <summary>Connects vz to a cluster: 127.0.0.1:30000 by default, --gateway HOST:PORT, or --postgres membership.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    public const string DefaultGateway = "127.0.0.1:30000";
    private const string ClusterId = "vz";
    private const string ServiceId = "vision-zero-grid";

    /// <summary>A refused gateway is retried inside the client; past this, nobody is there.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection> OpenAsync(string? gateway, string? postgres, CancellationToken cancellationToken)
    {
        postgres ??= Environment.GetEnvironmentVariable("VZ_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
            postgres = null;
        var endpoint = postgres is null ? ParseGateway(gateway ?? DefaultGateway) : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            if (postgres is not null)
                client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = postgres; });
            else
                client.UseStaticClustering(endpoint!);
            client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ServiceId; });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
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
        return new ClusterConnection(host);
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
