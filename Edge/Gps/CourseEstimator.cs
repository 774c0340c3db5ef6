using VisionZero.Grid;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Gives fixes without a course (GPX, CSV, GGA) the bearing of the vehicle's movement. The bearing is taken
/// from the last point it was measured at, once the vehicle is <see cref="MinMoveMeters"/> away from it: at a
/// standstill the receiver's error alone moves the fix a few meters, which would spin the heading at random,
/// so the last real heading is kept until the vehicle moves.
/// </summary>
internal sealed class CourseEstimator
{
    public const double MinMoveMeters = 10;

    private GpsFix? _anchor;
    private double? _course;

    public GpsFix WithCourse(GpsFix fix)
    {
        if (fix.CourseDegrees is { } given)
        {
            _anchor = fix;
            _course = given;
            return fix;
        }
        if (_anchor is not { } anchor)
        {
            _anchor = fix;
            return fix;
        }
        if (GeoMath.DistanceM(anchor.Latitude, anchor.Longitude, fix.Latitude, fix.Longitude) >= MinMoveMeters)
        {
            _course = GeoMath.BearingDegrees(anchor.Latitude, anchor.Longitude, fix.Latitude, fix.Longitude);
            _anchor = fix;
        }
        return _course is { } course ? fix with { CourseDegrees = course } : fix;
    }
}
