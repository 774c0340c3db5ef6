using System.Globalization;

namespace VisionZero.Silo.Web;

/// <summary>
/// How much a request may send and how long a stop waits for requests in flight. From configuration:
/// Web:MaxBodyBytes (every endpoint), Web:MaxIngestBytes (POST /api/ingest only), Web:ShutdownTimeout.
/// </summary>
public sealed record WebLimits(long MaxBodyBytes, long MaxIngestBytes, TimeSpan ShutdownTimeout)
{
    /// <summary>Forms and API parameters are tiny; 64 KiB leaves room without inviting memory abuse.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>
    /// The whole NYC history is ~450 MB as plain CSV; 2 GiB leaves room for growth and for SODA JSON.
    /// </summary>
    public const long DefaultMaxIngestBytes = 2L * 1024 * 1024 * 1024;

    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    public static WebLimits From(IConfiguration configuration) => new(
        Bytes(configuration, "Web:MaxBodyBytes", DefaultMaxBodyBytes),
        Bytes(configuration, "Web:MaxIngestBytes", DefaultMaxIngestBytes),
        Duration(configuration, "Web:ShutdownTimeout", DefaultShutdownTimeout));

    private static long Bytes(IConfiguration configuration, string key, long fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{key} must be a whole number of bytes above 0, not '{text}'");
    }

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new ArgumentException($"{key} must be a positive duration such as 00:00:30, not '{text}'");
    }
}
