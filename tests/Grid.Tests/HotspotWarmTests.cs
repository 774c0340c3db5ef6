using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VisionZero.Grains.Query;

namespace VisionZero.Grid.Tests;

/// <summary>
/// The first hotspot list of a day asks every corner: each silo ranks the data clock's day by itself once the grid
/// has settled, so the list is warm before anyone asks, on a silo no client query reaches too.
/// </summary>
[Collection(PrimaryGridCollection.Name)]
public sealed class HotspotWarmTests(PrimaryGridFixture grid)
{
    [Fact]
    public async Task Every_silo_ranks_the_days_hotspots_by_itself_once_the_grid_has_settled()
    {
        // A change, as an ingest makes it: no query follows, so only the silos themselves can rank the new view.
        var clock = grid.Client.GetGrain<IDataClockGrain>(0);
        await clock.MarkChanged();
        var view = await clock.GetView();
        var day = Assert.NotNull(view.AsOf);
        var caches = grid.Cluster.Silos.Cast<InProcessSiloHandle>()
            .Select(s => s.SiloHost.Services.GetRequiredService<SnapshotCache>()).ToList();
        Assert.Equal(2, caches.Count);

        var watch = Stopwatch.StartNew();
        while (!caches.All(c => c.For(view.Generation).HasRanking(day)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60),
                $"warm on {caches.Count(c => c.For(view.Generation).HasRanking(day))} of {caches.Count} silos");
            await Task.Delay(200);
        }

        // The warm ranking is the one a query is answered from.
        var top = await grid.Client.GetGrain<IGridQueryGrain>(0).Top(10, null);
        Assert.Equal(10, top.Length);
        Assert.All(caches, c => Assert.True(c.For(view.Generation).HasRanking(day)));
    }
}
