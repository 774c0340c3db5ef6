namespace VisionZero.Edge.Gps;

/// <summary>Why a line, point or row of a trace gave no usable fix.</summary>
public enum FixSkipReason
{
    /// <summary>The receiver says it has no fix: RMC status V, GGA quality 0, an empty position.</summary>
    NoFix = 0,

    /// <summary>An NMEA sentence whose <c>*hh</c> checksum is missing or wrong: a garbled serial line.</summary>
    BadChecksum = 1,

    /// <summary>Outside <see cref="VisionZero.CrashData.NycBounds"/>, where the model knows nothing.</summary>
    OutsideExtent = 2,

    /// <summary>
    /// Faster than a vehicle can move from the previous accepted fix, or not later than it: a multipath
    /// outlier or a clock that went back.
    /// </summary>
    Jump = 3,

    /// <summary>Not parseable: wrong field count or types, an over-long line, binary noise.</summary>
    Malformed = 4,
}
