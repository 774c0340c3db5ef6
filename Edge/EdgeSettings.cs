using VisionZero.Edge.Area;
using VisionZero.Edge.Answer;

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

    public static string DefaultDataFolder =>
        Environment.GetEnvironmentVariable("VZ_EDGE_DATA") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "vz-edge");
}
