using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionZero.Models;

namespace VisionZero.Grains.Risk;

/// <summary>
/// The push, silo side: asks the registry each poll interval which version is in production and,
/// when it changed, fetches the bytes once, checks them and swaps them in. A silo that joins later
/// picks up the current version on its first poll. Outside clients (the edge) use the same two
/// calls: IModelRegistryGrain.GetProduction and GetArtifact.
/// </summary>
public sealed class ProductionModelWatcher(
    IGrainFactory grains, ProductionModel production, IOptions<RiskOptions> options, ILogger<ProductionModelWatcher> logger)
    : BackgroundService
{
    private (int Version, string Sha256)? _refused;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PushPollInterval);
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The silo may not be serving grains yet, or the registry's store is briefly away: try next tick.
                logger.LogDebug(e, "Could not check the production model");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RefreshAsync()
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var info = await registry.GetProduction();
        if (info is null)
        {
            if (production.Current is not null)
                production.Clear("no model is in production: the registry has none promoted");
            return;
        }
        if (production.Current?.Version == info.Version || _refused == (info.Version, info.Sha256))
            return;
        var artifact = await registry.GetArtifact(info.Version)
            ?? throw new InvalidOperationException($"model version {info.Version} has no artifact");
        try
        {
            var model = await Task.Run(() => RiskModel.Load(info, artifact));
            production.Use(model);
            logger.LogInformation("Serving model version {Version}", info.Version);
        }
        catch (InvalidDataException e)
        {
            _refused = (info.Version, info.Sha256);
            logger.LogError("Model version {Version} refused: {Reason}", info.Version, e.Message);
            if (production.Current is null)
                production.Clear($"model version {info.Version} was refused: {e.Message}");
        }
    }
}
