namespace VisionZero.CrashData;

/// <summary>Stable reason codes for quarantined rows (they are stored and counted, so never rename one).</summary>
public static class RejectReason
{
    public const string MissingId = "missing-id";
    public const string BadId = "bad-id";
    public const string BadDate = "bad-date";
    public const string FutureDate = "future-date";
    public const string BadTime = "bad-time";
    public const string BadCount = "bad-count";
    public const string BadCoordinates = "bad-coordinates";
    public const string OutsideNyc = "outside-nyc";
    public const string BadStreetName = "bad-street-name";
    public const string NoLocation = "no-location";
    public const string MalformedRow = "malformed-row";
}
