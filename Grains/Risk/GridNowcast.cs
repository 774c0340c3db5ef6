namespace VisionZero.Grains.Risk;

/// <summary>
/// How many crashes the whole grid should expect over the horizon after a day, from the grid's own
/// recent trend: the crashes of the same season a year before (the 183 days that ended 182 days ago), times how the last 90 days compare with
/// the same 90 days a year before. Year over year, so the season cancels out. On the primary file this
/// total is 1.09 / 1.38 / 0.87 / 0.82 times what then happened at the four backtest cutoffs; a level
/// learnt from the latest labelled snapshot gave 1.22 / 2.06 / 1.09 / 0.81 (crashes fell by a third in
/// 2020, which no single corner's history shows, and a level half a year old sees late).
/// </summary>
public static class GridNowcast
{
    private const int NinetyDays = 3, PreviousSixMonths = 4;

    /// <summary>The expected total, or null when the set has no rows as of the day or a year before it.</summary>
    public static double? ExpectedCrashes(SnapshotSet set, DateOnly day)
    {
        var now = set.RowsAt(day).ToArray();
        var yearBefore = set.RowsAt(day.AddYears(-1)).ToArray();
        if (now.Length == 0 || yearBefore.Length == 0)
            return null;
        var recent = now.Sum(r => (double)set.Features(r)[NinetyDays]);
        var sameSeasonBefore = yearBefore.Sum(r => (double)set.Features(r)[NinetyDays]);
        // Crashes in the 182 days that ended half a year before the day: the season the forecast covers, a year earlier.
        var lastYearsHorizon = now.Sum(r => (double)set.Features(r)[PreviousSixMonths]);
        if (sameSeasonBefore <= 0 || lastYearsHorizon <= 0)
            return null;
        return lastYearsHorizon * (recent / sameSeasonBefore);
    }
}
