using nietras.SeparatedValues;
using VisionZero.CrashData;
using VisionZero.Grains.Query;

namespace VisionZero.Grid.Tests;

[Collection(PrimaryGridCollection.Name)]
public class PrimaryGridTests(PrimaryGridFixture grid)
{
    private static readonly DateOnly[] AsOfDays =
        [new(2013, 1, 1), new(2014, 6, 30), new(2016, 12, 31), new(2019, 7, 15), new(2020, 4, 1), new(2021, 11, 12)];

    [Fact]
    public async Task The_summary_accounts_for_every_row_and_the_store_holds_exactly_the_accepted_ones()
    {
        var s = grid.Summary;
        Assert.Equal(15_753, s.Read);
        Assert.Equal(s.Read, s.Accepted + s.Duplicates + s.Replaced + s.Rejected);
        Assert.Equal(0, s.Duplicates);
        Assert.Equal(s.Accepted, await grid.Database.ScalarAsync("SELECT count(*) FROM vz_crash"));
        Assert.Equal(s.Rejected, await grid.Database.ScalarAsync("SELECT count(*) FROM vz_quarantine"));
        Assert.Equal(
            s.RejectedByReason.GetValueOrDefault(RejectReason.NoLocation),
            await grid.Database.ScalarAsync(
                $"SELECT count(*) FROM vz_quarantine WHERE reason = '{RejectReason.NoLocation}'"));
        Assert.Equal(s.Attributed, await grid.Database.ScalarAsync(
            "SELECT count(*) FROM vz_crash_located WHERE attributed_intersection_id IS NOT NULL"));
        Assert.Equal(s.Unmatched, await grid.Database.ScalarAsync(
            "SELECT count(*) FROM vz_crash_located " +
            "WHERE intersection_id IS NULL AND attributed_intersection_id IS NULL"));
        Assert.Equal(new DateOnly(2021, 11, 12), s.LatestCrashDate);
    }

    [Fact]
    public async Task Windows_of_every_intersection_equal_a_brute_force_count_at_several_dates()
    {
        var ids = await BruteForce.IntersectionIdsAsync(grid.Database.ConnectionString);
        Assert.Equal(grid.Summary.IntersectionsTouched, ids.Count);
        var sample = ids
            .Where((_, i) => i % 7 == 0)
            .Concat(["avenue-u--flatbush-avenue", "flatbush-avenue--shore-parkway"]);
        foreach (var id in sample)
        {
            foreach (var asOf in AsOfDays)
            {
                var snapshot = await grid.Client.GetGrain<IIntersectionGrain>(id).GetSnapshot(asOf);
                Assert.NotNull(snapshot);
                foreach (var window in new[] { snapshot.SixMonths, snapshot.OneYear, snapshot.FiveYears })
                {
                    var expected = await BruteForce.WindowAsync(grid.Database.ConnectionString, id, asOf, window.Days);
                    Assert.Equal(expected, (window.Crashes, window.PersonsInjured, window.PersonsKilled));
                }
            }
        }
    }

    [Fact]
    public async Task Named_crash_counts_per_corner_match_an_independent_read_of_the_file()
    {
        var expected = new Dictionary<string, int>();
        using var reader = Sep.Reader(o => o with { Unescape = true })
            .FromFile(SharedData.Crashes(SharedData.Primary));
        foreach (var row in reader)
        {
            if (IntersectionKey.TryCreate(
                row["ON STREET NAME"].ToString(),
                row["CROSS STREET NAME"].ToString()) is { } key)
            {
                expected[key.Id] = expected.GetValueOrDefault(key.Id) + 1;
            }
        }
        var flatbushU = IntersectionKey.Parse("FLATBUSH AVENUE & AVENUE U")!.Id;
        Assert.True(expected[flatbushU] > 300);
        var named = await grid.Database.ScalarAsync(
            $"SELECT count(*) FROM vz_crash WHERE intersection_id = '{flatbushU}'");
        Assert.Equal(expected[flatbushU], named);
        Assert.Equal(
            expected.Values.Sum(),
            await grid.Database.ScalarAsync("SELECT count(*) FROM vz_crash WHERE intersection_id IS NOT NULL"));
    }

    [Fact]
    public async Task The_data_clock_is_the_latest_crash_so_historic_files_do_not_read_as_zero()
    {
        var asOf = await grid.Client.GetGrain<IDataClockGrain>(0).GetAsOf();
        Assert.Equal(new DateOnly(2021, 11, 12), asOf);
        var top = await grid.Client.GetGrain<IGridQueryGrain>(0).Get("avenue-u--flatbush-avenue", null);
        Assert.True(top!.OneYear.Crashes > 0);
    }

    [Fact]
    public async Task Without_a_model_top_ranks_the_whole_grid_by_one_year_crashes_and_says_why_risk_is_missing()
    {
        var query = grid.Client.GetGrain<IGridQueryGrain>(0);
        var top = await query.Top(20, null);
        Assert.Equal(20, top.Length);
        Assert.All(top, s => Assert.Null(s.Risk));
        Assert.All(top, s => Assert.Contains("no model is in production", s.RiskUnavailable));
        Assert.Equal(top.Order(HotspotOrder.Instance), top);
        Assert.Equal("avenue-u--flatbush-avenue", top[0].Id);
        var everything = await query.Top(1_000_000, null);
        Assert.Equal(await query.CountIntersections(), everything.Length);
        var expectedBest = await BruteForce.WindowAsync(grid.Database.ConnectionString, top[0].Id, top[0].AsOf, 365);
        Assert.Equal(expectedBest.Crashes, everything.Max(s => s.OneYear.Crashes));
    }

    [Fact]
    public async Task Near_returns_the_corners_within_the_radius_nearest_first()
    {
        var corner = await grid.Client.GetGrain<IGridQueryGrain>(0).Get("avenue-u--flatbush-avenue", null);
        var near = await grid.Client.GetGrain<IGridQueryGrain>(0)
            .Near(corner!.Latitude!.Value, corner.Longitude!.Value, 400, null);
        Assert.NotEmpty(near);
        Assert.Equal("avenue-u--flatbush-avenue", near[0].Intersection.Id);
        Assert.Equal(0, near[0].DistanceM, 0.5);
        Assert.All(near, n => Assert.InRange(n.DistanceM, 0, 400));
        Assert.Equal(near.OrderBy(n => n.DistanceM).Select(n => n.DistanceM), near.Select(n => n.DistanceM));
        var wider = await grid.Client.GetGrain<IGridQueryGrain>(0)
            .Near(corner.Latitude!.Value, corner.Longitude!.Value, 1_500, null);
        Assert.True(wider.Length > near.Length);
    }

    [Fact]
    public async Task Re_ingesting_the_same_file_changes_nothing()
    {
        var before = await grid.Client.GetGrain<IGridQueryGrain>(0).Top(50, null);
        var again = await new Ingest.CrashFileIngestor(grid.Client)
            .IngestFileAsync(SharedData.Crashes(SharedData.Primary), PrimaryGridFixture.Today);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(0, again.Replaced);
        Assert.Equal(grid.Summary.Accepted, again.Duplicates);
        Assert.Equal(grid.Summary.Accepted, await grid.Database.ScalarAsync("SELECT count(*) FROM vz_crash"));
        var after = await grid.Client.GetGrain<IGridQueryGrain>(0).Top(50, null);
        Assert.Equal(before.Select(s => s.ToString()), after.Select(s => s.ToString()));
    }
}
