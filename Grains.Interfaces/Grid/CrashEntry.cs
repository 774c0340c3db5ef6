using VisionZero.CrashData;

namespace VisionZero.Grid;

/// <summary>
/// What an intersection keeps of one crash: enough to answer any window exactly and to place the
/// corner. Coordinates as float (about 0.5 m at NYC's latitude) keep the state small; NaN = none.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.CrashEntry")]
public readonly record struct CrashEntry(
    [property: Id(0)] long CollisionId,
    [property: Id(1)] int Day,
    [property: Id(2)] Casualties Casualties,
    [property: Id(3)] float Latitude,
    [property: Id(4)] float Longitude)
{
    public DateOnly Date => DateOnly.FromDayNumber(Day);

    public bool HasCoordinates => !float.IsNaN(Latitude) && !float.IsNaN(Longitude);

    public static CrashEntry From(CrashRecord record) => new(
        record.CollisionId, record.CrashDate.DayNumber, record.Casualties,
        record.Latitude is { } lat ? (float)lat : float.NaN,
        record.Longitude is { } lon ? (float)lon : float.NaN);
}
