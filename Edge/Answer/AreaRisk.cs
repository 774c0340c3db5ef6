using System.Collections.Immutable;
using VisionZero.Risk;

namespace VisionZero.Edge.Answer;

/// <summary>
/// The edge's answer for one position: the corners within the radius, the highest class among them, the
/// crashes they are expected to have over the next 6 months, and the first Dangerous corner ahead.
/// Version and AsOf say which model and which day answered; Stale that the edge has lost the grid.
/// </summary>
public sealed record AreaRisk(
    DateTimeOffset Time,
    double Latitude,
    double Longitude,
    double RadiusM,
    ImmutableArray<CornerRisk> Corners,
    RiskClass? HighestClass,
    double ExpectedCrashes,
    CornerRisk? DangerAhead,
    int? ModelVersion,
    DateOnly? AsOf,
    bool Stale);
