using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;

namespace VisionZero.Edge.Tests;

/// <summary>An edge copy in a folder, synced from the fixture's cluster: its production version and Brooklyn.</summary>
internal static class SyncedEdge
{
    public static async Task<EdgeGrid> OpenAsync(EdgeGridFixture fixture, string folder)
    {
        var grid = new EdgeGrid(EdgeStore.Open(Path.Combine(folder, "edge.db")));
        await new ModelSync(fixture.Client, grid).RunAsync();
        await new AreaSync(fixture.Client, grid).RunAsync(AreaSpec.OfBorough("BROOKLYN"), CancellationToken.None);
        Assert.NotNull(grid.Model);
        Assert.NotNull(grid.AsOf);
        return grid;
    }
}
