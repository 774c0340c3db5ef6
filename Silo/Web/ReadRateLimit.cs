using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace VisionZero.Silo.Web;

/// <summary>
/// Public reads are limited per client address: a token bucket of VZ_RATE_LIMIT_PER_SECOND requests a
/// second (default 200; 0 switches it off, for load tests). A refused request gets 429 with Retry-After.
/// </summary>
public static class ReadRateLimit
{
    public const string Policy = "reads";
    public const int DefaultPerSecond = 200;

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var perSecond = PerSecond(configuration);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ValueTask.CompletedTask;
        };
        // The load test's requests (admin only: refused further on without the key) measure speed, not abuse.
        options.AddPolicy(Policy, context => perSecond == 0 || ServedModelHeader.Present(context)
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
    }

    public static int PerSecond(IConfiguration configuration)
    {
        var text = configuration["VZ_RATE_LIMIT_PER_SECOND"];
        if (string.IsNullOrWhiteSpace(text))
            return DefaultPerSecond;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException(
                $"VZ_RATE_LIMIT_PER_SECOND must be a whole number of requests a second (0 = off), not '{text}'");
    }
}
