using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.CrashData.Tests;

[Trait("Category", "Fast")]
public class CrashHistoryTests
{
    private static CrashEntry Crash(long id, DateOnly day, short injured = 0, float lat = 40.6f, float lon = -73.9f) =>
        new(id, day.DayNumber, new Casualties(injured, 0, 0, 0, 0, 0, injured, 0), lat, lon);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Windows_equal_a_brute_force_count_on_any_day(int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2012, 7, 1);
        var crashes = Enumerable.Range(1, 500)
            .Select(i => Crash(i, start.AddDays(random.Next(3_500)), (short)random.Next(3)))
            .ToList();
        var history = new CrashHistory(crashes);
        for (var probe = 0; probe < 200; probe++)
        {
            var asOf = start.AddDays(random.Next(-30, 3_600));
            foreach (var days in RollingWindows.All)
            {
                var inWindow = crashes.Where(c => c.Day <= asOf.DayNumber && c.Day > asOf.DayNumber - days).ToList();
                var window = history.Window(asOf, days);
                Assert.Equal(inWindow.Count, window.Crashes);
                Assert.Equal(inWindow.Sum(c => c.Casualties.PersonsInjured), window.PersonsInjured);
            }
        }
    }

    [Fact]
    public void The_window_includes_the_as_of_day_and_is_exactly_n_days_long()
    {
        var asOf = new DateOnly(2020, 6, 30);
        var history = new CrashHistory(
        [
            Crash(1, asOf),
            Crash(2, asOf.AddDays(-181)),
            Crash(3, asOf.AddDays(-182)),
            Crash(4, asOf.AddDays(1)),
        ]);
        Assert.Equal(2, history.Window(asOf, RollingWindows.SixMonths).Crashes);
        Assert.Equal(3, history.Window(asOf, RollingWindows.OneYear).Crashes);
    }

    [Fact]
    public void Upsert_replaces_by_collision_id_and_removals_remove()
    {
        var day = new DateOnly(2020, 1, 1);
        var history = new CrashHistory([Crash(1, day), Crash(2, day)]);
        Assert.Equal(0, history.Upsert([Crash(1, day)], []));
        Assert.Equal(1, history.Upsert([Crash(1, day.AddDays(5), injured: 2)], []));
        Assert.Equal(2, history.Count);
        Assert.Equal(2, history.Window(day.AddDays(5), 1).PersonsInjured);
        Assert.Equal(1, history.Upsert([], [2]));
        Assert.Equal(1, history.Count);
    }

    [Fact]
    public void The_location_is_the_median_so_one_stray_geocode_does_not_move_the_corner()
    {
        var day = new DateOnly(2020, 1, 1);
        var history = new CrashHistory([
            Crash(1, day, lat: 40.6000f, lon: -73.9000f), Crash(2, day, lat: 40.6001f, lon: -73.9001f),
            Crash(3, day, lat: 40.6002f, lon: -73.9002f), Crash(4, day, lat: 40.85f, lon: -73.70f),
            Crash(5, day, lat: float.NaN, lon: float.NaN)]);
        var (lat, lon) = history.MedianLocation()!.Value;
        Assert.InRange(lat, 40.6000, 40.6002);
        Assert.InRange(lon, -73.9002, -73.9000);
    }
}
