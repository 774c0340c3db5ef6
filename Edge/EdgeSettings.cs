using VisionZero.Edge.Area;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Sync;
using VisionZero.Edge.Uplink;

namespace VisionZero.Edge;

/// <summary>How one edge runs: where it keeps its copy, how it reaches the grid, and what it keeps.</summary>
public sealed record EdgeSettings(
    string DataFolder,
    AreaSpec Area,
    string? Gateway = null,
    string? Postgres = null,
    bool Offline = false,
    int HttpPort = EdgeSettings.DefaultHttpPort,
    double NearRadiusM = RiskLookup.DefaultRadiusM,
    string? DeviceId = null)
{
    public const int DefaultHttpPort = 5091;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The SQLite file of the edge's copy, inside <see cref="DataFolder"/>.</summary>
    public string StorePath => Path.Combine(DataFolder, "edge.db");

    /// <summary>Answered fixes kept for upload at most; when full, the oldest unsent are dropped, counted.</summary>
    public int UplinkCapacity { get; init; } = UplinkLog.DefaultCapacity;

    /// <summary>Entries per upload call (1 to 5,000, the most the grid takes at once).</summary>
    public int UplinkBatchSize { get; init; } = UplinkSync.DefaultBatchSize;

    /// <summary>The cluster's id (the silo's --cluster-id): a gateway refuses clients of another cluster.</summary>
    public string ClusterId { get; init; } = ClusterLink.DefaultClusterId;

    public static string DefaultDataFolder =>
        Environment.GetEnvironmentVariable("VZ_EDGE_DATA") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "vz-edge");
}
