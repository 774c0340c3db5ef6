using VisionZero.Risk;

namespace VisionZero.Grid;

/// <summary>
/// What one intersection answers as of a day: where it is, its three windows and its forecast.
/// Risk is null until a model is in production; RiskUnavailable then says why.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.IntersectionSnapshot")]
public sealed record IntersectionSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] double? Latitude,
    [property: Id(3)] double? Longitude,
    [property: Id(4)] string? Borough,
    [property: Id(5)] DateOnly AsOf,
    [property: Id(6)] WindowCounts SixMonths,
    [property: Id(7)] WindowCounts OneYear,
    [property: Id(8)] WindowCounts FiveYears,
    [property: Id(9)] int TotalCrashes,
    [property: Id(10)] DateOnly? LastCrashDate,
    [property: Id(11)] RiskAssessment? Risk = null,
    [property: Id(12)] string? RiskUnavailable = null);
