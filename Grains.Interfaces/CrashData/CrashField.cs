namespace VisionZero.CrashData;

/// <summary>The fields the grid reads from a crash export, whatever the export calls them.</summary>
public enum CrashField
{
    Date, Time, Borough, ZipCode, Latitude, Longitude, Location, OnStreet, CrossStreet, OffStreet,
    PersonsInjured, PersonsKilled, PedestriansInjured, PedestriansKilled,
    CyclistsInjured, CyclistsKilled, MotoristsInjured, MotoristsKilled,
    Factor1, Factor2, Factor3, Factor4, Factor5,
    CollisionId,
    Vehicle1, Vehicle2, Vehicle3, Vehicle4, Vehicle5,
}
