using System.Globalization;

namespace VisionZero.CrashData;

/// <summary>Reads coordinates from LATITUDE/LONGITUDE, or failing that from LOCATION "(lat, lon)".</summary>
internal static class CoordinateText
{
    public static (string Reason, string Detail)? TryRead(
        string? latitudeText, string? longitudeText, string? locationText, out double? latitude, out double? longitude)
    {
        latitude = null;
        longitude = null;
        latitudeText = latitudeText?.Trim();
        longitudeText = longitudeText?.Trim();
        if (string.IsNullOrEmpty(latitudeText) && string.IsNullOrEmpty(longitudeText))
        {
            if (!TrySplitLocation(locationText, out latitudeText, out longitudeText))
                return null;
        }
        if (!double.TryParse(latitudeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(longitudeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            !double.IsFinite(lat) || !double.IsFinite(lon))
        {
            return (RejectReason.BadCoordinates,
                $"LATITUDE/LONGITUDE '{CrashRowParser.Shorten(latitudeText)}', " +
                $"'{CrashRowParser.Shorten(longitudeText)}' are not numbers");
        }
        if (NycBounds.IsNotGeocoded(lat, lon))
            return null;
        if (!NycBounds.Contains(lat, lon))
            return (RejectReason.OutsideNyc, $"coordinates ({lat}, {lon}) are outside New York City");
        latitude = lat;
        longitude = lon;
        return null;
    }

    /// <summary>
    /// Accepts "(40.6, -73.9)" as the portal writes it; SODA's location object is flattened by the JSON reader.
    /// </summary>
    private static bool TrySplitLocation(string? text, out string? latitude, out string? longitude)
    {
        latitude = longitude = null;
        var trimmed = text?.Trim().TrimStart('(').TrimEnd(')');
        if (string.IsNullOrEmpty(trimmed))
            return false;
        var comma = trimmed.IndexOf(',');
        if (comma <= 0)
            return false;
        latitude = trimmed[..comma].Trim();
        longitude = trimmed[(comma + 1)..].Trim();
        return true;
    }
}
