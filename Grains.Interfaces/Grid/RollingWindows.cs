namespace VisionZero.Grid;

/// <summary>The three windows every intersection answers, in days ending on the as-of day (inclusive).</summary>
public static class RollingWindows
{
    public const int SixMonths = 182;
    public const int OneYear = 365;
    public const int FiveYears = 1826;

    public static readonly int[] All = [SixMonths, OneYear, FiveYears];
}
