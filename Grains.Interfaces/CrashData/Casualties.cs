namespace VisionZero.CrashData;

/// <summary>Persons injured and killed in one crash, by road user. Counts are small, so 16 bits each.</summary>
[GenerateSerializer, Immutable, Alias("vz.Casualties")]
public readonly record struct Casualties(
    [property: Id(0)] short PersonsInjured,
    [property: Id(1)] short PersonsKilled,
    [property: Id(2)] short PedestriansInjured,
    [property: Id(3)] short PedestriansKilled,
    [property: Id(4)] short CyclistsInjured,
    [property: Id(5)] short CyclistsKilled,
    [property: Id(6)] short MotoristsInjured,
    [property: Id(7)] short MotoristsKilled);
