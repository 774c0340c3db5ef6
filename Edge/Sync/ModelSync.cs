using VisionZero.Edge.Area;
using VisionZero.Models;

namespace VisionZero.Edge.Sync;

/// <summary>
/// Takes the registry's production version when it differs from the one the edge serves: fetches the bytes
/// once, and the edge grid checks them (sha256, feature schema) before storing and serving them. A version
/// refused once is not fetched again until the registry names another.
/// </summary>
public sealed class ModelSync(IGrainFactory grains, EdgeGrid grid)
{
    private (int Version, string Sha256)? _refused;

    /// <summary>The version now served, or null when the registry has none in production.</summary>
    public async Task<int?> RunAsync()
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var production = await registry.GetProduction();
        if (production is null || grid.Model?.Version == production.Version)
            return grid.Model?.Version;
        if (_refused == (production.Version, production.Sha256))
            return grid.Model?.Version;
        var artifact = await registry.GetArtifact(production.Version)
            ?? throw new InvalidOperationException($"model version {production.Version} has no artifact");
        if (!grid.TryUseModel(production, artifact))
            _refused = (production.Version, production.Sha256);
        return grid.Model?.Version;
    }
}
