namespace VisionZero.Edge.Sync;

/// <summary>How the edge's link to the grid stands, for /status and the console.</summary>
public sealed record SyncStatus(
    bool Connected, DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess, string? LastError, TimeSpan NextRetry)
{
    public static SyncStatus NotYet { get; } = new(false, null, null, null, TimeSpan.Zero);
}
