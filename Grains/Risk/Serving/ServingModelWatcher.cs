using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionZero.Models;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Serving;

/// <summary>
/// The push, silo side: asks the registry each poll interval for the numbers of the versions to serve (production,
/// canary, staging) and, when one differs from what this silo serves, fetches the versions, the new bytes once, checks
/// them and swaps them in. A silo that joins later
/// picks up the current version on its first poll. Outside clients (the edge) use the same two
/// calls: IModelRegistryGrain.GetProduction and GetArtifact.
/// </summary>
public sealed class ServingModelWatcher(
    IGrainFactory grains, ServingModels production, IOptions<RiskOptions> options, ILogger<ServingModelWatcher> logger)
    : BackgroundService
{
    // Versions whose bytes failed the checks, with why: not fetched again (the same version and sha256 stay refused).
    private readonly Dictionary<(int Version, string Sha256), string> _refused = [];

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
        var stamp = await registry.GetServingStamp();
        if (stamp == Serving())
            return;
        var serving = await registry.GetServing();
        var info = serving.Production;
        if (info is null)
        {
            if (production.Current is not null)
                production.Clear("no model is in production: the registry has none promoted");
        }
        else if (production.Current?.Version != info.Version && await LoadAsync(registry, info) is { } model)
        {
            production.Use(model);
            logger.LogInformation("Serving model version {Version}", info.Version);
        }
        else if (production.Current is null && _refused.TryGetValue((info.Version, info.Sha256), out var why))
        {
            production.Clear($"model version {info.Version} was refused: {why}");
        }
        await RefreshCanaryAsync(registry, serving);
        await RefreshStagingAsync(registry, serving.Staging);
    }

    /// <summary>What this silo serves, as the registry's stamp says it: equal when nothing is left to do.</summary>
    private ServingStamp Serving() =>
        new(production.Current?.Version ?? 0, production.Canary?.Version ?? 0, production.Staging?.Version ?? 0);

    private async Task RefreshStagingAsync(IModelRegistryGrain registry, ModelVersionInfo? staging)
    {
        if (staging is null)
        {
            if (production.Staging is not null)
                logger.LogInformation("Staging model version {Version} unloaded", production.Staging.Version);
            production.UseStaging(null);
            return;
        }
        if (production.Staging?.Version == staging.Version || await LoadAsync(registry, staging) is not { } model)
            return;
        production.UseStaging(model);
        logger.LogInformation("Model version {Version} loaded for staging (load test requests only)", staging.Version);
    }

    private async Task RefreshCanaryAsync(IModelRegistryGrain registry, ServingVersions serving)
    {
        var canary = serving.Canary;
        if (canary is null || canary.Version == serving.Production?.Version)
        {
            if (production.Canary is not null)
                logger.LogInformation("Canary model version {Version} no longer served", production.Canary.Version);
            production.UseCanary(null);
            return;
        }
        if (production.Canary?.Version == canary.Version || await LoadAsync(registry, canary) is not { } model)
            return;
        production.UseCanary(model);
        logger.LogInformation(
            "Serving model version {Version} as canary on {Percent} % of corners",
            canary.Version, production.CanaryPercent);
    }

    /// <summary>The version's bytes, checked and loaded; null (and logged once) when refused.</summary>
    private async Task<RiskModel?> LoadAsync(IModelRegistryGrain registry, ModelVersionInfo info)
    {
        if (_refused.ContainsKey((info.Version, info.Sha256)))
            return null;
        var artifact = await registry.GetArtifact(info.Version)
            ?? throw new InvalidOperationException($"model version {info.Version} has no artifact");
        try
        {
            return await Task.Run(() => RiskModel.Load(info, artifact));
        }
        catch (InvalidDataException e)
        {
            _refused[(info.Version, info.Sha256)] = e.Message;
            logger.LogError("Model version {Version} refused: {Reason}", info.Version, e.Message);
            return null;
        }
    }
}
