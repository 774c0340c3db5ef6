namespace VisionZero.Edge.Gps;

/// <summary>
/// One position report from a receiver or a recorded trace. Speed and course are present only when the source
/// gives them (NMEA RMC does; GPX and CSV do not), or, for course, when <see cref="FixFilter"/> derives it.
/// </summary>
/// <param name="Time">When the receiver took the fix, in UTC.</param>
/// <param name="SpeedMetersPerSecond">Speed over ground.</param>
/// <param name="CourseDegrees">Course over ground, clockwise from true north, 0 to below 360.</param>
public sealed record GpsFix(
    DateTimeOffset Time,
    double Latitude,
    double Longitude,
    double? SpeedMetersPerSecond = null,
    double? CourseDegrees = null);
