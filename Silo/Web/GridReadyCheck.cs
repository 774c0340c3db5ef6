using Microsoft.Extensions.Diagnostics.HealthChecks;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grid;
using VisionZero.Models;

namespace VisionZero.Silo.Web;

/// <summary>
/// Ready when the silo answers grain calls, its storage answers (the clock and the registry live
/// there), and the production model is loaded, or explicitly absent because none was ever promoted.
/// </summary>
public sealed class GridReadyCheck(IGrainFactory grains, ServingModels production) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IDataClockGrain>(0).GetAsOf().WaitAsync(Timeout, cancellationToken);
            var registered = await grains.GetGrain<IModelRegistryGrain>(0)
                .GetProduction()
                .WaitAsync(Timeout, cancellationToken);
            if (registered is null)
                return HealthCheckResult.Healthy(
                    "no model in production yet: answers carry windows and say why risk is missing");
            return production.Current?.Version == registered.Version
                ? HealthCheckResult.Healthy($"serving model version {registered.Version}")
                : HealthCheckResult.Unhealthy(
                    $"model version {registered.Version} is in production but not loaded here " +
                    $"({production.Unavailable})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the grid does not answer: {e.GetType().Name}: {e.Message}");
        }
    }
}
