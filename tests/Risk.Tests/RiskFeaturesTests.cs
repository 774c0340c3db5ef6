using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public sealed class RiskFeaturesTests
{
    private static readonly DateOnly AsOf = new(2021, 6, 30);

    private static CrashEntry Crash(
        long id,
        DateOnly day,
        short injured = 0,
        short pedestrians = 0,
        short killed = 0) =>
        new(id, day.DayNumber, new Casualties(injured, killed, pedestrians, 0, 0, 0, 0, 0), float.NaN, float.NaN);

    [Fact]
    public void Features_count_each_window_inclusively_and_the_label_counts_the_182_days_after()
    {
        var history = new CrashHistory(
        [
            Crash(1, AsOf),                       // in every window
            Crash(2, AsOf.AddDays(-181)),          // last day of the 6-month window
            Crash(3, AsOf.AddDays(-182), 2, 1),    // first day outside it, inside the year
            Crash(4, AsOf.AddDays(-364)),          // last day of the year
            Crash(5, AsOf.AddDays(-1825), killed: 1), // last day of 5 years
            Crash(6, AsOf.AddDays(-1826)),         // outside everything
            Crash(7, AsOf.AddDays(1)),             // the label's first day
            Crash(8, AsOf.AddDays(182)),           // the label's last day
            Crash(9, AsOf.AddDays(183)),           // after the horizon
        ]);
        var f = new float[RiskFeatures.Count];
        RiskFeatures.Compute(history, AsOf, "Brooklyn ", f);
        Assert.Equal([2f, 4f, 5f, 1f, 2f], f[..5]);
        Assert.Equal(2f, f[5]);            // injured in the year
        Assert.Equal(1f, f[7]);            // killed in 5 years
        Assert.Equal(1f, f[8]);            // pedestrians hurt in 5 years
        Assert.Equal(0f, f[10]);           // a crash on the day itself
        Assert.Equal(6f, f[11]);           // June
        Assert.Equal(3f, f[12]);           // Brooklyn
        // Crashes weighted by age (half-life 730 days): 1 on the day, 0.5 two years back, 1826 days out of the window.
        var weights = new[] { 0, 181, 182, 364, 1825 }.Sum(age => Math.Pow(0.5, age / 730.0));
        Assert.Equal(weights, f[13], 5);
        Assert.Equal(2, RiskFeatures.Label(history, AsOf));
    }

    [Fact]
    public void The_exposure_of_a_steady_corner_is_its_rate_over_the_horizon_whether_weighted_or_flat()
    {
        // A crash every 10 days for 5 years: 18.2 crashes expected in 182 days by either exposure.
        var steady = new CrashHistory([.. Enumerable.Range(0, 183).Select(i => Crash(i, AsOf.AddDays(-10 * i)))]);
        var f = new float[RiskFeatures.Count];
        RiskFeatures.Compute(steady, AsOf, null, f);
        Assert.InRange(RiskFeatures.Exposure(f), 18.0, 18.5); // a crash on the day itself weighs a little more
        Assert.InRange(RiskFeatures.WindowsExposure(f), 18.0, 18.5);
        // A corner quiet for five years still has the floor.
        RiskFeatures.Compute(new CrashHistory([Crash(1, AsOf.AddDays(-2000))]), AsOf, null, f);
        Assert.Equal(RiskFeatures.ExposureFloor, RiskFeatures.Exposure(f));
    }

    [Fact]
    public void Days_since_the_last_crash_look_past_five_years_and_cap_at_ten()
    {
        var old = new CrashHistory([Crash(1, AsOf.AddDays(-2000))]);
        var f = new float[RiskFeatures.Count];
        RiskFeatures.Compute(old, AsOf, null, f);
        Assert.Equal(2000f, f[10]);
        Assert.Equal(0f, f[12]);
        RiskFeatures.Compute(new CrashHistory(), AsOf, null, f);
        Assert.Equal(RiskFeatures.NeverDays, f[10]);
    }

    [Fact]
    public void The_feature_names_match_the_fixed_vector_length()
    {
        Assert.Equal(RiskFeatures.FixedCount, RiskFeatures.Names.Length);
        Assert.Equal(RiskFeatures.Names.Length, RiskFeatures.Names.Distinct().Count());
    }
}
