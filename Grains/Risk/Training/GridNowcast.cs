
namespace VisionZero.Grains.Risk.Training;

/// <summary>
/// How many crashes the whole grid should expect over the horizon after a day, from the grid's own
/// recent trend: the crashes of the last 90 days times how the season ahead compared with the same 90
/// days in earlier years (the 182 days after the day a year before over the 90 days before it); the
/// median over up to <see cref="Years"/> years (with two, their mean). Year over year, so the season cancels out.
/// <para>One year alone carries that year's shocks into the next: after the 2020 drop, the spring of 2021
/// was compared with the locked-down spring and summer of 2020. The median of three years outvotes one
/// unusual year instead of averaging it in. Chosen on the primary file's days before the first backtest
/// cutoff, where it came closest to what happened (docs/model.md, "A level from the grid's nowcast").</para>
/// </summary>
public static class GridNowcast
{
    /// <summary>Earlier years whose season ratios are compared, when the snapshots reach back that far.</summary>
    public const int Years = 3;

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
        return recent is null || ratios.Count == 0 ? null : recent.Value * Median(ratios);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>The grid's total of one feature as of the day, or null without rows then.</summary>
    private static double? Sum(SnapshotSet set, DateOnly day, int feature)
    {
        var rows = set.RowsAt(day).ToArray();
        return rows.Length == 0 ? null : rows.Sum(r => (double)set.Features(r)[feature]);
    }
}
