using VisionZero.Grains;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// Reads asked again when the grain they reached was on a silo that is leaving: while a silo shuts down (a rolling
/// restart, a scale-in), a call already routed to it is refused (silo stopping, silo unavailable), and asked again
/// it finds the grain on a silo that stays. Only for reads, which are safe to run twice. A silo killed outright is
/// not helped: its grains answer again once the cluster declares it dead.
/// </summary>
public sealed class ClusterMoveRetry(ILogger<ClusterMoveRetry> logger) : IEndpointFilter
{
    /// <summary>Waits before each new attempt: the directory learns of the departure within moments.</summary>
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (OrleansMessageRejectionException e) when (attempt < Backoff.Length
                && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                GridMetrics.ReadRetries.Add(1);
                logger.LogInformation("A read met a leaving silo ({Reason}); asking again", e.Message);
                await Task.Delay(Backoff[attempt], context.HttpContext.RequestAborted);
            }
        }
    }
}
