using VisionZero.Grains.Risk.Training;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class GridNowcastTests
{
    private static readonly DateOnly Day = new(2020, 5, 1);

    [Fact]
    public void The_grids_expected_crashes_are_last_years_season_times_the_year_over_year_change_of_the_last_90_days()
    {
        var set = new SnapshotSet([Day.AddYears(-1), Day], Day);
        // Two corners. A year before: 90-day counts 10 and 30. Now: 6 and 18 (the grid fell to 60 %), and
        // the season the forecast covers held 50 and 150 crashes a year ago.
        set.Add("a", Rows((0, ninety: 10, previous: 0), (1, ninety: 6, previous: 50)));
        set.Add("b", Rows((0, ninety: 30, previous: 0), (1, ninety: 18, previous: 150)));
        Assert.Equal(200 * 0.6, GridNowcast.ExpectedCrashes(set, Day)!.Value, 9);
    }

    [Fact]
    public void With_two_years_of_rows_the_season_ratios_of_both_years_are_averaged()
    {
        var set = new SnapshotSet([Day.AddYears(-2), Day.AddYears(-1), Day], Day);
        // Ratios: this year's season 200 over 40 a year before (5); a year earlier 120 over 40 (3). Now 24 in 90 days.
        set.Add("a", Rows(
            (0, ninety: 40, previous: 0),
            (1, ninety: 40, previous: 120),
            (2, ninety: 24, previous: 200)));
        Assert.Equal(24 * (5 + 3) / 2.0, GridNowcast.ExpectedCrashes(set, Day)!.Value, 9);
    }

    [Fact]
    public void With_three_years_of_rows_one_unusual_year_is_outvoted_by_the_median()
    {
        var set = new SnapshotSet([Day.AddYears(-3), Day.AddYears(-2), Day.AddYears(-1), Day], Day);
        // Ratios, newest first: 20 / 40 (0.5, a locked-down season), 120 / 40 (3), 100 / 40 (2.5). Median 2.5, mean 2.
        set.Add("a", Rows((0, ninety: 40, previous: 0), (1, ninety: 40, previous: 100), (2, ninety: 40, previous: 120),
            (3, ninety: 24, previous: 20)));
        Assert.Equal(24 * 2.5, GridNowcast.ExpectedCrashes(set, Day)!.Value, 9);
    }

    [Fact]
    public void Without_a_year_of_rows_before_the_day_or_without_crashes_then_there_is_no_nowcast()
    {
        var young = new SnapshotSet([Day], Day);
        young.Add("a", Rows((0, ninety: 6, previous: 50)));
        Assert.Null(GridNowcast.ExpectedCrashes(young, Day));

        var quiet = new SnapshotSet([Day.AddYears(-1), Day], Day);
        quiet.Add("a", Rows((0, ninety: 0, previous: 0), (1, ninety: 3, previous: 9)));
        Assert.Null(GridNowcast.ExpectedCrashes(quiet, Day));
    }

    private static TrainingRows Rows(params (int Day, int ninety, int previous)[] rows)
    {
        var features = new List<float>();
        foreach (var (_, ninety, previous) in rows)
        {
            var row = new float[RiskFeatures.Count];
            row[2] = 100; // active: crashes in the five years before
            row[3] = ninety;
            row[4] = previous;
            features.AddRange(row);
        }
        return new TrainingRows([.. rows.Select(r => r.Day)], [.. features], [.. rows.Select(_ => -1)]);
    }
}
