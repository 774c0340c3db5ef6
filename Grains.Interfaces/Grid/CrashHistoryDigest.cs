using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VisionZero.Grid;

/// <summary>
/// A short fingerprint of an intersection's crashes (every field of every entry, in the history's order):
/// the edge sends the one it holds, and the grain answers with the crashes only when its own differs.
/// </summary>
public static class CrashHistoryDigest
{
    private const int EntryBytes = 8 + 4 + 8 * 2 + 4 + 4;

    public static string Of(CrashHistory history)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> entry = stackalloc byte[EntryBytes];
        foreach (var crash in history.Crashes)
        {
            BinaryPrimitives.WriteInt64LittleEndian(entry, crash.CollisionId);
            BinaryPrimitives.WriteInt32LittleEndian(entry[8..], crash.Day);
            var c = crash.Casualties;
            Span<short> counts =
            [
                c.PersonsInjured, c.PersonsKilled, c.PedestriansInjured, c.PedestriansKilled,
                c.CyclistsInjured, c.CyclistsKilled, c.MotoristsInjured, c.MotoristsKilled,
            ];
            for (var i = 0; i < counts.Length; i++)
                BinaryPrimitives.WriteInt16LittleEndian(entry[(12 + 2 * i)..], counts[i]);
            BinaryPrimitives.WriteSingleLittleEndian(entry[28..], crash.Latitude);
            BinaryPrimitives.WriteSingleLittleEndian(entry[32..], crash.Longitude);
            hash.AppendData(entry);
        }
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
