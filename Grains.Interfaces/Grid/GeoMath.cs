namespace VisionZero.Grid;

/// <summary>
/// Distances and the fixed spatial cells, about 2 km square at NYC's latitude: big enough that a GPS
/// query (radius at most 2 km) reads at most a handful of cells and the city has only ~300 of them,
/// small enough that a cell's corners (a few thousand at most in Manhattan) are cheap to scan.
/// </summary>
public static class GeoMath
{
    public const double CellLatitudeDegrees = 0.018;
    public const double CellLongitudeDegrees = 0.024;
    private const double EarthRadiusM = 6_371_008.8;

    public static double DistanceM(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLon = DegreesToRadians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// The initial great-circle bearing from the first point towards the second, in degrees clockwise from true
    /// north, 0 to below 360 (0 for two equal points): the heading of a vehicle moving between two GPS fixes.
    /// </summary>
    public static double BearingDegrees(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = DegreesToRadians(lat1);
        var phi2 = DegreesToRadians(lat2);
        var dLon = DegreesToRadians(lon2 - lon1);
        var y = Math.Sin(dLon) * Math.Cos(phi2);
        var x = Math.Cos(phi1) * Math.Sin(phi2) - Math.Sin(phi1) * Math.Cos(phi2) * Math.Cos(dLon);
        var degrees = Math.Atan2(y, x) * 180 / Math.PI;
        var bearing = degrees < 0 ? degrees + 360 : degrees;
        return bearing >= 360 ? 0 : bearing; // a hair below 0 rounds up to 360 when shifted
    }

    public static (int Row, int Column) CellOf(double latitude, double longitude) =>
        ((int)Math.Floor(latitude / CellLatitudeDegrees), (int)Math.Floor(longitude / CellLongitudeDegrees));

    public static string CellKey(int row, int column) => $"{row}:{column}";

    public static string CellKeyOf(double latitude, double longitude)
    {
        var (row, column) = CellOf(latitude, longitude);
        return CellKey(row, column);
    }

    /// <summary>Every cell that may hold a point within <paramref name="radiusM"/> of the centre.</summary>
    public static IEnumerable<string> CellsWithin(double latitude, double longitude, double radiusM)
    {
        var dLat = radiusM / 111_195.0;
        var dLon = radiusM / (111_195.0 * Math.Cos(DegreesToRadians(latitude)));
        var (r0, c0) = CellOf(latitude - dLat, longitude - dLon);
        var (r1, c1) = CellOf(latitude + dLat, longitude + dLon);
        for (var r = r0; r <= r1; r++)
            for (var c = c0; c <= c1; c++)
                yield return CellKey(r, c);
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;
}
