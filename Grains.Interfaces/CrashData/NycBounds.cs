namespace VisionZero.CrashData;

/// <summary>
/// A generous bounding box around the five boroughs. Crash coordinates outside it are data errors
/// (NYPD exports carry points such as longitude -201.2); (0, 0) means "not geocoded".
/// </summary>
public static class NycBounds
{
    public const double MinLatitude = 40.49;
    public const double MaxLatitude = 40.92;
    public const double MinLongitude = -74.27;
    public const double MaxLongitude = -73.68;

    public static bool Contains(double latitude, double longitude) =>
        latitude is >= MinLatitude and <= MaxLatitude && longitude is >= MinLongitude and <= MaxLongitude;

    public static bool IsNotGeocoded(double latitude, double longitude) => latitude == 0 && longitude == 0;
}
