using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using VisionZero.Grains.Storage;
using VisionZero.Silo.Hosting;

namespace VisionZero.TestSupport;

/// <summary>A real Orleans test cluster whose storage and crash store are a private PostgreSQL database.</summary>
public static class GridCluster
{
    public const string ServiceId = "vz-test";

    /// <summary>
    /// Starts the cluster; <paramref name="settings"/> are extra configuration keys (e.g. "Jobs:IngestSource").
    /// With <paramref name="overTcp"/> its silos listen on loopback TCP ports rather than the TestingHost's
    /// in-memory transport, so a client outside it (a vz-edge runtime) can connect to a gateway.
    /// </summary>
    public static async Task<TestCluster> StartAsync(
        string connectionString,
        int silos,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool overTcp = false)
    {
        await PostgresSchema.EnsureAsync(connectionString);
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ServiceId = ServiceId;
        if (overTcp)
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["VZ_POSTGRES"] = connectionString,
        };
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(configuration));
        builder.AddSiloBuilderConfigurator<GridSiloConfigurator>();
        builder.AddClientBuilderConfigurator<GridClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class GridSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddGrid(siloBuilder.Configuration["VZ_POSTGRES"]);
    }

    private sealed class GridClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Configure<Orleans.Configuration.ClientMessagingOptions>(
                o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
    }
}
