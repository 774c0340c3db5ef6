namespace VisionZero.Grains.Risk;

/// <summary>
/// How many crashes the whole grid should expect over the horizon after a day, from the grid's own
/// recent trend: the crashes of the last 90 days times how the season ahead compared with the same 90
/// days in earlier years (the 182 days after the day a year before over the 90 days before it), averaged
/// over up to <see cref="Years"/> years. Year over year, so the season cancels out.
/// <para>One year alone (the rule before this) carries that year's shocks into the next: after the 2020
/// drop, the spring of 2021 was compared with the locked-down spring and summer of 2020, and forecast
/// 0.75 of what happened; two years give 0.91 there. Chosen for that reason, not by a fit: on the primary
/// file's days before 2019-05 (horizons ended before the first backtest cutoff) one and two years were as
/// good as each other (mean distance from 1: 0.075 and 0.076).</para>
/// </summary>
public static class GridNowcast
{
    /// <summary>Earlier years whose season ratio is averaged, when the snapshots reach back that far.</summary>
    public const int Years = 2;

    private const int NinetyDays = 3, PreviousSixMonths = 4;

    /// <summary>The expected total, or null when the set has no rows as of the day or a year before it.</summary>
    public static double? ExpectedCrashes(SnapshotSet set, DateOnly day)
    {
        var recent = Sum(set, day, NinetyDays);
        var ratios = new List<double>();
        for (var year = 1; year <= Years; year++)
        {
            // Crashes in the 182 days after the day `year` years before (the "previous 6 months" feature of a
            // year later), over the 90 days before it.
            var season = Sum(set, day.AddYears(1 - year), PreviousSixMonths);
            var before = Sum(set, day.AddYears(-year), NinetyDays);
            if (season is not > 0 || before is not > 0)
                break;
            ratios.Add(season.Value / before.Value);
        }
        return recent is null || ratios.Count == 0 ? null : recent.Value * ratios.Average();
    }

    /// <summary>The grid's total of one feature as of the day, or null without rows then.</summary>
    private static double? Sum(SnapshotSet set, DateOnly day, int feature)
    {
        var rows = set.RowsAt(day).ToArray();
        return rows.Length == 0 ? null : rows.Sum(r => (double)set.Features(r)[feature]);
    }
}
