namespace VisionZero.CrashData;

/// <summary>
/// One police-reported crash after parsing and cleaning. Street names are cleaned
/// (trimmed, collapsed, upper-cased) but not canonicalised: <see cref="IntersectionKey"/> does that.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.CrashRecord")]
public sealed record CrashRecord(
    [property: Id(0)] long CollisionId,
    [property: Id(1)] DateOnly CrashDate,
    [property: Id(2)] short MinuteOfDay,
    [property: Id(3)] string? Borough,
    [property: Id(4)] string? ZipCode,
    [property: Id(5)] double? Latitude,
    [property: Id(6)] double? Longitude,
    [property: Id(7)] string? OnStreet,
    [property: Id(8)] string? CrossStreet,
    [property: Id(9)] string? OffStreet,
    [property: Id(10)] Casualties Casualties,
    [property: Id(11)] string? Factors,
    [property: Id(12)] string? Vehicles)
{
    public bool HasCoordinates => Latitude is not null && Longitude is not null;

    /// <summary>The canonical intersection named by ON and CROSS street, if both are usable.</summary>
    public IntersectionKey? Intersection => IntersectionKey.TryCreate(OnStreet, CrossStreet);
}
