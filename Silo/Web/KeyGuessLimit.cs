using System.Globalization;
using System.Threading.RateLimiting;

namespace VisionZero.Silo.Web;

/// <summary>
/// Slows guessing of the admin key: each client address may send Web:KeyFailureLimit wrong keys (sign-in
/// form or Bearer header; default 10, 0 = off) per Web:KeyFailureWindow (default one minute). Past that,
/// every key it sends, right or wrong, gets 429 with Retry-After until the window ends, so a guesser
/// cannot tell a hit from the refusal. Other addresses are not affected.
/// </summary>
public sealed class KeyGuessLimit : IDisposable
{
    public const int DefaultFailures = 10;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string>? _failures;
    private readonly TimeSpan _window;

    public KeyGuessLimit(int failures, TimeSpan window)
    {
        _window = window;
        if (failures > 0)
            _failures = PartitionedRateLimiter.Create<string, string>(address =>
                RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = failures,
                    Window = window,
                    QueueLimit = 0,
                }));
    }

    public static KeyGuessLimit From(IConfiguration configuration)
    {
        var failures = DefaultFailures;
        if (configuration["Web:KeyFailureLimit"] is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out failures) || failures < 0))
            throw new ArgumentException(
                $"Web:KeyFailureLimit must be a whole number of wrong keys (0 = off), not '{text}'");
        var window = DefaultWindow;
        if (configuration["Web:KeyFailureWindow"] is { Length: > 0 } span
            && (!TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out window) || window <= TimeSpan.Zero))
            throw new ArgumentException(
                $"Web:KeyFailureWindow must be a positive duration such as 00:01:00, not '{span}'");
        return new KeyGuessLimit(failures, window);
    }

    /// <summary>Requests presenting a key (Bearer header, sign-in form) from a locked-out address get 429.</summary>
    public async Task RefuseLockedOutAsync(HttpContext context, RequestDelegate next)
    {
        if (_failures is not null && PresentsKey(context.Request) && RetryAfter(context) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong admin keys",
                detail: $"This address sent too many wrong admin keys; try again in {seconds} s.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>Counts one wrong key against the client's address.</summary>
    public void Failed(HttpContext context)
    {
        using var lease = _failures?.AttemptAcquire(Address(context));
    }

    private TimeSpan? RetryAfter(HttpContext context)
    {
        using var lease = _failures!.AttemptAcquire(Address(context), 0);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _window;
    }

    private static bool PresentsKey(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 ||
        (HttpMethods.IsPost(request.Method)
         && request.Path.Equals(SignInPage.Path, StringComparison.OrdinalIgnoreCase));

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _failures?.Dispose();
}
