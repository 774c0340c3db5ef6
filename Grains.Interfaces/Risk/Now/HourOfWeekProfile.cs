using System.Collections.Immutable;

namespace VisionZero.Risk.Now;

/// <summary>
/// How a corner's crashes spread over the 168 hours of the week: shares that sum to 1. A corner's own counts are
/// shrunk toward the grid's profile by <c>strength</c> pseudo-crashes, so a corner with few crashes follows the
/// city and one with many follows itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.HourOfWeekProfile")]
public sealed record HourOfWeekProfile([property: Id(0)] ImmutableArray<double> Shares)
{
    /// <summary>The grid's profile: its crashes per hour of the week, each hour given one crash more.</summary>
    public static HourOfWeekProfile OfGrid(ReadOnlySpan<int> counts)
    {
        if (counts.Length != HourOfWeek.Count)
            throw new ArgumentException(
                $"a profile needs {HourOfWeek.Count} hours, not {counts.Length}", nameof(counts));
        var total = 0.0;
        foreach (var c in counts)
            total += c;
        var shares = new double[HourOfWeek.Count];
        for (var h = 0; h < shares.Length; h++)
            shares[h] = (counts[h] + 1.0) / (total + HourOfWeek.Count);
        return new HourOfWeekProfile([.. shares]);
    }

    /// <summary>
    /// A corner's profile: (its crashes in the hour + strength × the grid's share) / (its crashes + strength).
    /// </summary>
    public static HourOfWeekProfile OfCorner(ReadOnlySpan<int> counts, HourOfWeekProfile grid, double strength)
    {
        if (counts.Length != HourOfWeek.Count)
            throw new ArgumentException(
                $"a profile needs {HourOfWeek.Count} hours, not {counts.Length}", nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegative(strength);
        var total = 0.0;
        foreach (var c in counts)
            total += c;
        if (total + strength <= 0)
            return grid;
        var shares = new double[HourOfWeek.Count];
        for (var h = 0; h < shares.Length; h++)
            shares[h] = (counts[h] + strength * grid.Shares[h]) / (total + strength);
        return new HourOfWeekProfile([.. shares]);
    }

    /// <summary>The hour's share against an average hour (1 = an hour as busy as the corner's average).</summary>
    public double Ratio(int hourOfWeek) => Shares[hourOfWeek] * HourOfWeek.Count;

    /// <summary>The shares of one day of the week (Monday 0) summed: that day's part of the week.</summary>
    public double DayShare(int dayIndex)
    {
        var sum = 0.0;
        for (var h = dayIndex * 24; h < dayIndex * 24 + 24; h++)
            sum += Shares[h];
        return sum;
    }
}
