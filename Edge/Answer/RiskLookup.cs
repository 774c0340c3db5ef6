using System.Collections.Immutable;
using VisionZero.Edge.Area;
using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Edge.Answer;

/// <summary>
/// Answers "how dangerous is where I am, and what is ahead" from the edge's current view, with no network:
/// a spatial search over corners already scored.
/// </summary>
public sealed class RiskLookup(EdgeGrid grid, double radiusM = RiskLookup.DefaultRadiusM)
{
    public const double DefaultRadiusM = 150;

    /// <summary>How far ahead, and how wide either side of the heading, a Dangerous corner raises an alert.</summary>
    public const double AheadDistanceM = 400;

    public const double AheadHalfAngleDegrees = 30;

    /// <summary>A corner this close is where the device is, not ahead of it.</summary>
    public const double AheadMinimumM = 25;

    public AreaRisk Answer(double latitude, double longitude, double? courseDegrees, DateTimeOffset time, bool stale)
    {
        var view = grid.View;
        var near = view.Near(latitude, longitude, Math.Max(radiusM, courseDegrees is null ? 0 : AheadDistanceM));
        var corners = ImmutableArray.CreateBuilder<CornerRisk>();
        CornerRisk? ahead = null;
        RiskClass? highest = null;
        var expected = 0.0;
        foreach (var (index, distance) in near)
        {
            var corner = view.Corners[index];
            var risk = new CornerRisk(corner.Id, corner.Name, Math.Round(distance, 1), view.Risks[index]);
            if (distance <= radiusM)
            {
                corners.Add(risk);
                if (risk.Risk is { } r)
                {
                    expected += r.RiskScore;
                    highest = highest is null || r.RiskClass > highest ? r.RiskClass : highest;
                }
            }
            if (ahead is null && courseDegrees is { } course && risk.Risk?.RiskClass == RiskClass.Dangerous
                && distance >= AheadMinimumM && IsAhead(latitude, longitude, course, corner))
                ahead = risk;
        }
        return new AreaRisk(time, latitude, longitude, radiusM, corners.ToImmutable(), highest,
            Math.Round(expected, 6), ahead, view.Model?.Version, view.AsOf, stale);
    }

    private static bool IsAhead(double latitude, double longitude, double course, CornerCopy corner)
    {
        var bearing = GeoMath.BearingDegrees(latitude, longitude, corner.Latitude!.Value, corner.Longitude!.Value);
        var off = Math.Abs(((bearing - course) % 360 + 540) % 360 - 180);
        return off <= AheadHalfAngleDegrees;
    }
}
