using VisionZero.Api;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// GET /api/risk/near's answer: the area's summary, then its intersections nearest first, each as
/// <see cref="NearbyCornerJson"/> (or, with detail=full, as <see cref="IntersectionJson"/>).
/// </summary>
public sealed record NearAnswer(
    double Latitude,
    double Longitude,
    double RadiusM,
    NearSummary Summary,
    IReadOnlyList<NearbyCornerJson> Intersections);

/// <summary>The area as one answer: its worst class and the crashes expected in it over the horizon.</summary>
public sealed record NearSummary(int Intersections, string? HighestClass, double? ExpectedCrashes, int? ModelVersion);
