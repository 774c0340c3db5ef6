using VisionZero.Risk.Now;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class HourOfWeekProfileTests
{
    [Fact]
    public void Hours_of_the_week_start_on_monday_midnight_and_end_on_sunday_at_23()
    {
        Assert.Equal(0, HourOfWeek.Of(new DateOnly(2019, 1, 7), 0)); // a Monday
        Assert.Equal(25, HourOfWeek.Of(new DateOnly(2019, 1, 8), 60));
        Assert.Equal(167, HourOfWeek.Of(new DateOnly(2019, 1, 13), 1_439)); // a Sunday
        Assert.Throws<ArgumentOutOfRangeException>(() => HourOfWeek.Of(new DateOnly(2019, 1, 7), 1_440));
        Assert.Throws<ArgumentOutOfRangeException>(() => HourOfWeek.Of(new DateOnly(2019, 1, 7), -1));
    }

    [Theory]
    [InlineData(0, HourBand.WeekdayNight)]
    [InlineData(6, HourBand.WeekdayMorning)]
    [InlineData(10, HourBand.WeekdayMidday)]
    [InlineData(4 * 24 + 19, HourBand.WeekdayEvening)]
    [InlineData(4 * 24 + 23, HourBand.WeekdayLate)]
    [InlineData(5 * 24 + 5, HourBand.WeekendNight)]
    [InlineData(6 * 24 + 23, HourBand.WeekendDay)]
    public void Each_hour_falls_in_its_band(int hourOfWeek, HourBand band) =>
        Assert.Equal(band, HourOfWeek.BandOf(hourOfWeek));

    [Fact]
    public void The_grids_profile_sums_to_one_and_gives_an_hour_without_crashes_a_small_share()
    {
        var counts = new int[HourOfWeek.Count];
        counts[17] = 100;
        var grid = HourOfWeekProfile.OfGrid(counts);
        Assert.Equal(1, grid.Shares.Sum(), 12);
        Assert.Equal(101.0 / 268, grid.Shares[17], 12);
        Assert.Equal(1.0 / 268, grid.Shares[3], 12);
        Assert.Equal(101.0 / 268 * 168, grid.Ratio(17), 9);
    }

    [Fact]
    public void A_corner_with_no_crashes_follows_the_grid_and_one_with_many_follows_itself()
    {
        var gridCounts = Enumerable.Repeat(10, HourOfWeek.Count).ToArray();
        var grid = HourOfWeekProfile.OfGrid(gridCounts);
        var none = HourOfWeekProfile.OfCorner(new int[HourOfWeek.Count], grid, 48);
        for (var h = 0; h < HourOfWeek.Count; h++)
            Assert.Equal(grid.Shares[h], none.Shares[h], 15);

        var few = new int[HourOfWeek.Count];
        few[8] = 2;
        var many = new int[HourOfWeek.Count];
        many[8] = 2_000;
        var fewProfile = HourOfWeekProfile.OfCorner(few, grid, 48);
        var manyProfile = HourOfWeekProfile.OfCorner(many, grid, 48);
        // (own + strength × grid share) / (own total + strength)
        Assert.Equal((2 + 48.0 / 168) / 50, fewProfile.Shares[8], 12);
        Assert.True(manyProfile.Shares[8] > 0.97);
        Assert.True(fewProfile.Shares[8] < 0.05);
        Assert.Equal(1, fewProfile.Shares.Sum(), 12);
        Assert.Equal(1, manyProfile.Shares.Sum(), 12);
    }

    [Fact]
    public void A_profile_of_the_wrong_length_or_a_negative_strength_is_refused()
    {
        var grid = HourOfWeekProfile.OfGrid(new int[HourOfWeek.Count]);
        var error = Assert.Throws<ArgumentException>(() => HourOfWeekProfile.OfGrid(new int[24]));
        Assert.Contains("168 hours, not 24", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => HourOfWeekProfile.OfCorner(new int[168], grid, -1));
    }

    [Fact]
    public void A_days_share_is_its_24_hours()
    {
        var counts = new int[HourOfWeek.Count];
        for (var h = 0; h < 24; h++)
            counts[h] = 1_000; // Mondays only
        var grid = HourOfWeekProfile.OfGrid(counts);
        Assert.Equal((24_000.0 + 24) / (24_000 + 168), grid.DayShare(0), 12);
        Assert.Equal(7, Enumerable.Range(0, 7).Count(d => grid.DayShare(d) > 0));
        Assert.Equal(1, Enumerable.Range(0, 7).Sum(grid.DayShare), 12);
    }
}
