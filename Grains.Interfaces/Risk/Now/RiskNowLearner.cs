namespace VisionZero.Risk.Now;

/// <summary>
/// Learns a <see cref="RiskNowModel"/> from crashes and daily weather strictly before a cutoff: the grid's profile
/// from every timed crash, and the weather factors from each day's crashes against the ones expected from the
/// grid's trailing 182-day rate and that weekday's share of the week.
/// </summary>
public static class RiskNowLearner
{
    /// <summary>The trailing window a corner's rate comes from, as the 6-month window counts it.</summary>
    public const int RateDays = 182;

    public static RiskNowModel Learn(
        IReadOnlyList<TimedCrash> crashes, WeatherTable weather, DateOnly cutoff, double strength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(strength);
        var counts = new int[HourOfWeek.Count];
        var first = int.MaxValue;
        foreach (var crash in crashes)
        {
            if (crash.Day >= cutoff)
                continue;
            counts[crash.HourOfWeek]++;
            first = Math.Min(first, crash.Day.DayNumber);
        }
        var grid = HourOfWeekProfile.OfGrid(counts);
        if (first == int.MaxValue)
            return new RiskNowModel(grid, strength, WeatherFactors.None, cutoff);

        var end = cutoff.DayNumber;
        var perDay = new int[end - first];
        foreach (var crash in crashes)
            if (crash.Day < cutoff)
                perDay[crash.Day.DayNumber - first]++;
        var before = new long[perDay.Length + 1];
        for (var i = 0; i < perDay.Length; i++)
            before[i + 1] = before[i] + perDay[i];

        var days = new List<WeatherDay>();
        for (var i = RateDays; i < perDay.Length; i++)
        {
            var day = DateOnly.FromDayNumber(first + i);
            if (weather.On(day) is not { } conditions)
                continue;
            var rate = (before[i] - before[i - RateDays]) / (double)RateDays;
            days.Add(new WeatherDay(conditions, perDay[i], rate * 7 * grid.DayShare(HourOfWeek.DayIndex(day))));
        }
        return new RiskNowModel(grid, strength, WeatherFactors.Fit(days), cutoff);
    }
}
