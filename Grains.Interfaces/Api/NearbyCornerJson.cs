using System.Text.Json.Serialization;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Api;

/// <summary>
/// A corner as an area answer lists it by default: where it is, its three crash counts and its forecast. The
/// whole record (injuries and deaths by road user, probabilities) is one request away, by id, or with detail=full.
/// </summary>
public sealed record NearbyCornerJson(
    string Id, string Name, double? Latitude, double? Longitude, string? Borough,
    int Accidents6m, int Accidents1y, int Accidents5y,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RiskScore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RiskClass,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Confidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ModelVersion,
    string? RiskUnavailable,
    double? DistanceM = null)
{
    public static NearbyCornerJson From(IntersectionSnapshot s) => new(
        s.Id, s.Name, s.Latitude, s.Longitude, s.Borough,
        s.SixMonths.Crashes, s.OneYear.Crashes, s.FiveYears.Crashes,
        s.Risk is { } r ? Math.Round(r.RiskScore, 4) : null,
        s.Risk is { } c ? RiskClassNames.Display(c.RiskClass) : null,
        s.Risk is { } p ? Math.Round(p.Confidence, 4) : null,
        s.Risk?.ModelVersion,
        s.RiskUnavailable);
}
