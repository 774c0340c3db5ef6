using System.Text.Json.Serialization;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Api;

/// <summary>
/// The intersection resource: every vz --json output and the HTTP API print exactly this (camelCase).
/// </summary>
public sealed record IntersectionJson(
    string Id, string Name, double? Latitude, double? Longitude, string? Borough, string AsOf,
    int Accidents6m, int Accidents1y, int Accidents5y,
    int PersonsInjured6m, int PersonsKilled6m, int PersonsInjured1y, int PersonsKilled1y,
    int PersonsInjured5y, int PersonsKilled5y,
    int PedestriansInjured6m, int PedestriansKilled6m, int PedestriansInjured1y, int PedestriansKilled1y,
    int PedestriansInjured5y, int PedestriansKilled5y,
    int CyclistsInjured6m, int CyclistsKilled6m, int CyclistsInjured1y, int CyclistsKilled1y,
    int CyclistsInjured5y, int CyclistsKilled5y,
    int MotoristsInjured6m, int MotoristsKilled6m, int MotoristsInjured1y, int MotoristsKilled1y,
    int MotoristsInjured5y, int MotoristsKilled5y,
    int TotalCrashes, string? LastCrashDate, double? DistanceM,
    // The risk fields are always written, null until a model is in production (riskUnavailable says why).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RiskScore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RiskClass,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyDictionary<string, double>? Probabilities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Confidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ModelVersion,
    string? RiskUnavailable)
{
    public static IntersectionJson From(IntersectionSnapshot s, double? distanceM = null)
    {
        var (a, b, c) = (s.SixMonths, s.OneYear, s.FiveYears);
        return new IntersectionJson(s.Id, s.Name, s.Latitude, s.Longitude, s.Borough, s.AsOf.ToString("yyyy-MM-dd"),
            a.Crashes, b.Crashes, c.Crashes,
            a.PersonsInjured, a.PersonsKilled, b.PersonsInjured, b.PersonsKilled, c.PersonsInjured, c.PersonsKilled,
            a.PedestriansInjured, a.PedestriansKilled, b.PedestriansInjured, b.PedestriansKilled,
            c.PedestriansInjured, c.PedestriansKilled,
            a.CyclistsInjured, a.CyclistsKilled, b.CyclistsInjured, b.CyclistsKilled,
            c.CyclistsInjured, c.CyclistsKilled,
            a.MotoristsInjured, a.MotoristsKilled, b.MotoristsInjured, b.MotoristsKilled,
            c.MotoristsInjured, c.MotoristsKilled,
            s.TotalCrashes, s.LastCrashDate?.ToString("yyyy-MM-dd"), distanceM,
            s.Risk is { } r ? Math.Round(r.RiskScore, 4) : null,
            s.Risk is { } rc ? RiskClassNames.Display(rc.RiskClass) : null,
            s.Risk is { } rp ? RiskClassNames.ByName(rp.Probabilities) : null,
            s.Risk is { } rf ? Math.Round(rf.Confidence, 4) : null,
            s.Risk?.ModelVersion,
            s.RiskUnavailable);
    }
}
