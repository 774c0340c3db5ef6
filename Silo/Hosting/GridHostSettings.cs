using Microsoft.Extensions.Configuration;

namespace VisionZero.Silo.Hosting;

/// <summary>
/// How this silo joins a cluster. From configuration: --postgres (or VZ_POSTGRES), --silo-port,
/// --gateway-port, --sample, --cluster-id, --advertise-host (or VZ_ADVERTISE_HOST) and --kubernetes (or
/// VZ_KUBERNETES). Without a connection string the silo runs the embedded default.
/// </summary>
public sealed record GridHostSettings(
    string? Postgres, int SiloPort, int GatewayPort, bool LoadSample, string ClusterId, string ServiceId)
{
    public const string DefaultClusterId = "vz";
    public const string DefaultServiceId = "vision-zero-grid";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>Set in every Kubernetes pod: its presence is how a silo knows it runs in one.</summary>
    public const string KubernetesServiceHostKey = "KUBERNETES_SERVICE_HOST";

    /// <summary>The cluster id Orleans' Kubernetes hosting reads, from the pod's orleans/clusterId label.</summary>
    public const string KubernetesClusterIdKey = "ORLEANS_CLUSTER_ID";

    /// <summary>
    /// A host name or address other silos and clients reach this one at (a container's name): the silo then
    /// listens on every interface and advertises that address. Null: loopback, for one machine.
    /// </summary>
    public string? AdvertiseHost { get; init; }

    /// <summary>
    /// On PostgreSQL inside Kubernetes: Orleans' Kubernetes hosting names the silo after its pod, advertises the
    /// pod's IP and watches the pods; PostgreSQL stays the membership store. --kubernetes true|false (or
    /// VZ_KUBERNETES) decides; unset, KUBERNETES_SERVICE_HOST being set does. Never on the embedded default.
    /// </summary>
    public bool Kubernetes { get; init; }

    public bool IsEmbedded => Postgres is null;

    public static GridHostSettings From(IConfiguration configuration)
    {
        var postgres = configuration["postgres"] ?? configuration["VZ_POSTGRES"];
        if (string.IsNullOrWhiteSpace(postgres))
            postgres = null;
        var kubernetes = postgres is not null && InKubernetes(configuration);
        var clusterId = configuration["cluster-id"]
            ?? (kubernetes ? NonEmpty(configuration[KubernetesClusterIdKey]) : null)
            ?? DefaultClusterId;
        return new GridHostSettings(
            postgres,
            Port(configuration, "silo-port", DefaultSiloPort),
            Port(configuration, "gateway-port", DefaultGatewayPort),
            configuration.GetValue("sample", postgres is null),
            clusterId,
            DefaultServiceId)
        {
            AdvertiseHost = NonEmpty(configuration["advertise-host"] ?? configuration["VZ_ADVERTISE_HOST"]),
            Kubernetes = kubernetes,
        };
    }

    private static bool InKubernetes(IConfiguration configuration)
    {
        var text = configuration["kubernetes"] ?? configuration["VZ_KUBERNETES"];
        if (string.IsNullOrWhiteSpace(text))
            return NonEmpty(configuration[KubernetesServiceHostKey]) is not null;
        return bool.TryParse(text, out var on)
            ? on
            : throw new ArgumentException($"--kubernetes must be true or false, not '{text}'");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (text is null)
            return fallback;
        return int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"--{key} must be a TCP port (1-65535), not '{text}'");
    }
}
