namespace VisionZero.Edge.Answer;

/// <summary>What GET /status says: the version and day answering, the area held, and how fresh it is.</summary>
public sealed record EdgeStatus(
    string DeviceId,
    int? ModelVersion,
    DateOnly? AsOf,
    string Area,
    int Corners,
    DateTimeOffset? LastSync,
    double? StalenessSeconds,
    bool Connected,
    string? LastError,
    string? ModelRefused,
    string? Damage,
    IReadOnlyDictionary<string, long> FixesSkipped);
