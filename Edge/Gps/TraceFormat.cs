namespace VisionZero.Edge.Gps;

/// <summary>The trace file formats vz-edge reads.</summary>
public enum TraceFormat
{
    /// <summary>NMEA 0183 sentences, as a receiver sends them: <c>.nmea</c>, <c>.txt</c>, a device, stdin.</summary>
    Nmea,

    /// <summary>GPX 1.1 track points: <c>.gpx</c>.</summary>
    Gpx,

    /// <summary>CSV with a <c>time,lat,lon</c> header: <c>.csv</c>.</summary>
    Csv,
}
