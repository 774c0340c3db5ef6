using VisionZero.Grid;

namespace VisionZero.Grains.Query;

/// <summary>
/// Most dangerous first: the model's risk score when both have one, then 1-year crashes, 5-year,
/// 6-month, then id (so ties are stable).
/// </summary>
public sealed class HotspotOrder : IComparer<IntersectionSnapshot>
{
    public static readonly HotspotOrder Instance = new();

    public int Compare(IntersectionSnapshot? x, IntersectionSnapshot? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : 1) : -1;
        var c = x.Risk is { } rx && y.Risk is { } ry ? ry.RiskScore.CompareTo(rx.RiskScore) : 0;
        if (c == 0) c = y.OneYear.Crashes.CompareTo(x.OneYear.Crashes);
        if (c == 0) c = y.FiveYears.Crashes.CompareTo(x.FiveYears.Crashes);
        if (c == 0) c = y.SixMonths.Crashes.CompareTo(x.SixMonths.Crashes);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }
}
