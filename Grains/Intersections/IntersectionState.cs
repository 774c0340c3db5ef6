using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Grains.Intersections;

/// <summary>
/// The persisted form of one intersection: parallel arrays, not objects, to keep 150,000 corners
/// small in memory and in storage. Renaming this type or its members breaks stored state.
/// </summary>
[GenerateSerializer, Alias("vz.IntersectionState")]
public sealed class IntersectionState
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)] public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public string? Borough { get; set; }
    [Id(3)] public long[] CollisionIds { get; set; } = [];
    [Id(4)] public int[] Days { get; set; } = [];
    /// <summary>Eight casualty counts per crash, in the order of <see cref="Casualties"/>.</summary>
    [Id(5)] public short[] Casualties { get; set; } = [];
    [Id(6)] public float[] Latitudes { get; set; } = [];
    [Id(7)] public float[] Longitudes { get; set; } = [];

    public IEnumerable<CrashEntry> ToEntries()
    {
        for (var i = 0; i < CollisionIds.Length; i++)
        {
            var c = Casualties.AsSpan(i * 8, 8);
            yield return new CrashEntry(CollisionIds[i], Days[i],
                new Casualties(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]), Latitudes[i], Longitudes[i]);
        }
    }

    public void SetEntries(IReadOnlyList<CrashEntry> entries)
    {
        var n = entries.Count;
        CollisionIds = new long[n];
        Days = new int[n];
        Casualties = new short[n * 8];
        Latitudes = new float[n];
        Longitudes = new float[n];
        for (var i = 0; i < n; i++)
        {
            var e = entries[i];
            CollisionIds[i] = e.CollisionId;
            Days[i] = e.Day;
            var c = e.Casualties;
            var at = i * 8;
            Casualties[at] = c.PersonsInjured; Casualties[at + 1] = c.PersonsKilled;
            Casualties[at + 2] = c.PedestriansInjured; Casualties[at + 3] = c.PedestriansKilled;
            Casualties[at + 4] = c.CyclistsInjured; Casualties[at + 5] = c.CyclistsKilled;
            Casualties[at + 6] = c.MotoristsInjured; Casualties[at + 7] = c.MotoristsKilled;
            Latitudes[i] = e.Latitude;
            Longitudes[i] = e.Longitude;
        }
    }
}
