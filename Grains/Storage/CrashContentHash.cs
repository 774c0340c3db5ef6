using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VisionZero.CrashData;

namespace VisionZero.Grains.Storage;

/// <summary>A fingerprint of every field of a record: equal fingerprints mean "the same record again".</summary>
public static class CrashContentHash
{
    public static long Of(CrashRecord r)
    {
        var c = r.Casualties;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{r.CollisionId}|{r.CrashDate.DayNumber}|{r.MinuteOfDay}|{r.Borough}|{r.ZipCode}|{r.Latitude:R}|{r.Longitude:R}|" +
            $"{r.OnStreet}|{r.CrossStreet}|{r.OffStreet}|{c.PersonsInjured},{c.PersonsKilled},{c.PedestriansInjured}," +
            $"{c.PedestriansKilled},{c.CyclistsInjured},{c.CyclistsKilled},{c.MotoristsInjured},{c.MotoristsKilled}|" +
            $"{r.Factors}|{r.Vehicles}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
