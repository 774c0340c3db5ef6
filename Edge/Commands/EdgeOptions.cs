using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using VisionZero.Edge.Area;
using VisionZero.Edge.Sync;
using VisionZero.Edge.Uplink;

namespace VisionZero.Edge.Commands;

/// <summary>
/// The options every vz-edge command shares: where its copy lives, how it reaches the grid, its area.
/// </summary>
public static class EdgeOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder of the edge's copy (default $VZ_EDGE_DATA or ~/.local/share/vz-edge)",
        Recursive = true,
    };

    public static readonly Option<string?> Gateway = new("--gateway")
    {
        Description = "Gateway HOST:PORT of the cluster (default 127.0.0.1:30000)",
        Recursive = true,
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Find the cluster through PostgreSQL membership (connection string; or VZ_POSTGRES)",
        Recursive = true,
    };

    public static readonly Option<string> ClusterId = new("--cluster-id")
    {
        Description = "The cluster's id, as its silos were started with (--cluster-id; default vz)",
        DefaultValueFactory = _ => ClusterLink.DefaultClusterId,
        Recursive = true,
    };

    public static readonly Option<bool> Offline = new("--offline")
    {
        Description = "Never connect: answer from the copy on disk only",
        Recursive = true,
    };

    public static readonly Option<string?> Centre = new("--center")
    {
        Description = "Keep the corners around LAT,LON (default: around the first GPS fix)",
        Recursive = true,
    };

    public static readonly Option<double> Radius = new("--radius")
    {
        Description = "Radius of the area kept, metres",
        DefaultValueFactory = _ => AreaSpec.DefaultRadiusM,
        Recursive = true,
    };

    public static readonly Option<string?> Borough = new("--borough")
    {
        Description = "Keep one borough's corners instead (e.g. BROOKLYN)",
        Recursive = true,
    };

    public static readonly Option<string?> Ids = new("--ids")
    {
        Description = "Keep these intersection ids instead (comma-separated)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON (one object per answer or summary)",
        Recursive = true,
    };

    public static readonly Option<int> UplinkCapacity = new("--uplink-capacity")
    {
        Description = "Answered fixes kept for upload at most; when full, the oldest unsent are dropped (counted)",
        DefaultValueFactory = _ => UplinkLog.DefaultCapacity,
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Log sync", Recursive = true };

    public static IEnumerable<Option> All =>
        [Data, Gateway, Postgres, ClusterId, Offline, Centre, Radius, Borough, Ids, Json, UplinkCapacity, Verbose];

    public static EdgeSettings Settings(ParseResult result)
    {
        var capacity = result.GetValue(UplinkCapacity);
        if (capacity < 1)
            throw new ArgumentException($"--uplink-capacity must be 1 or more entries, not {capacity}");
        return new EdgeSettings(
            result.GetValue(Data) ?? EdgeSettings.DefaultDataFolder,
            AreaOf(result),
            result.GetValue(Gateway),
            result.GetValue(Postgres) ?? Environment.GetEnvironmentVariable("VZ_POSTGRES"),
            result.GetValue(Offline)) { UplinkCapacity = capacity, ClusterId = ClusterIdOf(result) };
    }

    private static string ClusterIdOf(ParseResult result)
    {
        var id = result.GetValue(ClusterId) ?? "";
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException(
                "--cluster-id must be 1 to 64 ASCII letters, digits, '-', '_' or '.' (the silos' --cluster-id)");
        return id;
    }

    /// <summary>Logs on standard error, so that standard output carries the answers alone.</summary>
    public static ILoggerFactory Logging(ParseResult result) => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .SetMinimumLevel(result.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning)
        .AddFilter("Orleans", LogLevel.Error)
        .AddFilter("Microsoft", LogLevel.Error)
        // A stop while the link is still connecting cancels the host's start, which it logs as a failure.
        .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical));

    private static AreaSpec AreaOf(ParseResult result)
    {
        var radius = result.GetValue(Radius);
        if (!double.IsFinite(radius) || radius is <= 0 or > 100_000)
            throw new ArgumentException($"--radius must be metres from 1 to 100000, not {radius}");
        if (result.GetValue(Ids) is { } ids)
            return AreaSpec.OfIds(
                ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (result.GetValue(Borough) is { } borough)
            return AreaSpec.OfBorough(borough);
        if (result.GetValue(Centre) is not { } centre)
            return AreaSpec.AroundFirstFix(radius);
        var parts = centre.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || lat is < -90 or > 90 || lon is < -180 or > 180)
            throw new ArgumentException($"--center must be LAT,LON in decimal degrees, not '{centre}'");
        return AreaSpec.Around(lat, lon, radius);
    }
}
