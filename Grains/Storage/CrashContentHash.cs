using System.IO.Hashing;
using System.Runtime.InteropServices;
using VisionZero.CrashData;

namespace VisionZero.Grains.Storage;

/// <summary>
/// A fingerprint of every field of a record: equal fingerprints mean "the same record again".
/// Stored in PostgreSQL, so it must never change for the same record: XxHash64 over the fields'
/// raw bytes (strings as UTF-16, each followed by a separator so "AB","C" differs from "A","BC").
/// </summary>
public static class CrashContentHash
{
    // One hasher per thread, reset per record: a new one would be two objects for every crash ingested.
    [ThreadStatic] private static XxHash64? _perThread;

    public static long Of(CrashRecord r)
    {
        var hash = _perThread ??= new XxHash64();
        hash.Reset();
        Span<long> numbers = [r.CollisionId, r.CrashDate.DayNumber, r.MinuteOfDay,
            BitConverter.DoubleToInt64Bits(r.Latitude ?? double.NaN),
            BitConverter.DoubleToInt64Bits(r.Longitude ?? double.NaN)];
        hash.Append(MemoryMarshal.AsBytes(numbers));
        var casualties = r.Casualties;
        hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<Casualties>(in casualties)));
        foreach (var text in (ReadOnlySpan<string?>)
            [r.Borough, r.ZipCode, r.OnStreet, r.CrossStreet, r.OffStreet, r.Factors, r.Vehicles])
        {
            hash.Append(MemoryMarshal.AsBytes((text ?? "\u0001").AsSpan()));
            hash.Append([0, 0]);
        }
        return (long)hash.GetCurrentHashAsUInt64();
    }
}
