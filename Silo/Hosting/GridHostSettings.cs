using Microsoft.Extensions.Configuration;

namespace VisionZero.Silo.Hosting;

/// <summary>
/// How this silo joins a cluster. From configuration: --postgres (or VZ_POSTGRES), --silo-port,
/// --gateway-port, --sample. Without a connection string the silo runs the embedded default.
/// </summary>
public sealed record GridHostSettings(
    string? Postgres, int SiloPort, int GatewayPort, bool LoadSample, string ClusterId, string ServiceId)
{
    public const string DefaultClusterId = "vz";
    public const string DefaultServiceId = "vision-zero-grid";

    public bool IsEmbedded => Postgres is null;

    public static GridHostSettings From(IConfiguration configuration)
    {
        var postgres = configuration["postgres"] ?? configuration["VZ_POSTGRES"];
        if (string.IsNullOrWhiteSpace(postgres))
            postgres = null;
        return new GridHostSettings(
            postgres,
            Port(configuration, "silo-port", 11111),
            Port(configuration, "gateway-port", 30000),
            configuration.GetValue("sample", postgres is null),
            configuration["cluster-id"] ?? DefaultClusterId,
            DefaultServiceId);
    }

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
