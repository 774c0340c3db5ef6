using VisionZero.Edge.Uplink;

namespace VisionZero.Edge.Answer;

/// <summary>
/// What GET /status says: the version and day answering, the area held, how fresh it is, and the uplink log.
/// </summary>
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
    IReadOnlyDictionary<string, long> FixesSkipped,
    UplinkStatus Uplink);
