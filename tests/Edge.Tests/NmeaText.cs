namespace VisionZero.Edge.Tests;

/// <summary>NMEA sentences for tests, with checksums computed here, independently of the reader.</summary>
internal static class NmeaText
{
    public const string Latitude = "4037.34298";
    public const string Longitude = "07356.20039";

    public static string Sentence(string body)
    {
        var checksum = 0;
        foreach (var c in body)
            checksum ^= c;
        return $"${body}*{checksum:X2}";
    }

    public static string Rmc(
        string time = "133000.00",
        string status = "A",
        string date = "051021",
        string latitude = Latitude,
        string longitude = Longitude) =>
        Sentence($"GPRMC,{time},{status},{latitude},N,{longitude},W,20.0,140.6,{date},,,A");

    public static string Gga(string time = "133000.00", string quality = "1", string latitude = Latitude) =>
        Sentence($"GNGGA,{time},{latitude},N,{Longitude},W,{quality},10,0.9,6.0,M,-32.4,M,,");
}
