using VisionZero.Grid;

namespace VisionZero.Benchmarks;

/// <summary>The as-of days a feature table is built for: first days of months.</summary>
public static class SnapshotDates
{
    /// <summary>Days after the as-of day that the label counts: (T, T + 182], the grains' half-year.</summary>
    public const int LabelDays = RollingWindows.SixMonths;

    /// <summary>
    /// <paramref name="count"/> consecutive month starts, the last being the latest one whose whole label
    /// window ends on or before <paramref name="lastDataDay"/>; otherwise the label would read missing data as zero.
    /// </summary>
    public static DateOnly[] Monthly(DateOnly lastDataDay, int count)
    {
        var latest = lastDataDay.AddDays(-LabelDays);
        var month = new DateOnly(latest.Year, latest.Month, 1);
        var dates = new DateOnly[count];
        for (var i = count - 1; i >= 0; i--, month = month.AddMonths(-1))
            dates[i] = month;
        return dates;
    }

    /// <summary>
    /// The peer's dates (common.py snapshot_dates): month starts from the first crash + 5 years to the last
    /// crash - 182 days, both ends inclusive; pandas rolls a start that is not a month start forward.
    /// </summary>
    public static DateOnly[] Peer(DateOnly firstDataDay, DateOnly lastDataDay)
    {
        var start = firstDataDay.AddYears(5);
        var end = lastDataDay.AddDays(-LabelDays);
        var month = new DateOnly(start.Year, start.Month, 1);
        if (month < start)
            month = month.AddMonths(1);
        var dates = new List<DateOnly>();
        for (; month <= end; month = month.AddMonths(1))
            dates.Add(month);
        return [.. dates];
    }
}
