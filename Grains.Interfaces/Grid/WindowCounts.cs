using VisionZero.CrashData;

namespace VisionZero.Grid;

/// <summary>Crashes and casualties in one window (the N days ending on the as-of day, inclusive).</summary>
[GenerateSerializer, Immutable, Alias("vz.WindowCounts")]
public sealed record WindowCounts(
    [property: Id(0)] int Days,
    [property: Id(1)] int Crashes,
    [property: Id(2)] int PersonsInjured,
    [property: Id(3)] int PersonsKilled,
    [property: Id(4)] int PedestriansInjured,
    [property: Id(5)] int PedestriansKilled,
    [property: Id(6)] int CyclistsInjured,
    [property: Id(7)] int CyclistsKilled,
    [property: Id(8)] int MotoristsInjured,
    [property: Id(9)] int MotoristsKilled)
{
    public static WindowCounts Sum(int days, ReadOnlySpan<CrashEntry> crashes)
    {
        int pi = 0, pk = 0, di = 0, dk = 0, ci = 0, ck = 0, mi = 0, mk = 0;
        foreach (var crash in crashes)
        {
            var c = crash.Casualties;
            pi += c.PersonsInjured; pk += c.PersonsKilled;
            di += c.PedestriansInjured; dk += c.PedestriansKilled;
            ci += c.CyclistsInjured; ck += c.CyclistsKilled;
            mi += c.MotoristsInjured; mk += c.MotoristsKilled;
        }
        return new WindowCounts(days, crashes.Length, pi, pk, di, dk, ci, ck, mi, mk);
    }
}
