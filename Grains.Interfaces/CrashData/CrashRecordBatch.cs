using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace VisionZero.CrashData;

/// <summary>
/// Crash records packed into one byte array for the trip from an ingesting client to the silo.
/// Orleans' serializer records every object and string it reads, for reference identity: a batch of
/// 20,000 records is ~150,000 dictionary entries, rebuilt per message on the large-object heap
/// (docs/benchmarks.md). One array is one entry.
/// Layout per record, little-endian: id (8), day number (4), minute (2), coordinate flags (1), latitude
/// and longitude (8 each, when present), eight casualty counts (2 each), then seven texts, each a
/// length in UTF-8 bytes (4; -1 for null) and the bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.CrashRecordBatch")]
public sealed record CrashRecordBatch([property: Id(0)] int Count, [property: Id(1)] byte[] Packed)
{
    private const int FixedBytes = 8 + 4 + 2 + 1 + 8 * sizeof(short); // without the coordinates and texts
    private const int TextCount = 7, SmallestRecord = FixedBytes + TextCount * sizeof(int); // every text null
    private const byte HasLatitude = 1, HasLongitude = 2;

    public static CrashRecordBatch Pack(IReadOnlyList<CrashRecord> records)
    {
        var size = 0L;
        Span<string?> texts = new string?[TextCount];
        foreach (var r in records)
        {
            size += FixedBytes + (r.Latitude is null ? 0 : 8) + (r.Longitude is null ? 0 : 8);
            TextsOf(r, texts);
            foreach (var text in texts)
                size += 4 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));
        }
        if (size > Array.MaxLength)
            throw new ArgumentException(
                $"{records.Count} crash records are too large for one batch ({size:N0} bytes)",
                nameof(records));
        var packed = new byte[size];
        var span = packed.AsSpan();
        foreach (var r in records)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span, r.CollisionId);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], r.CrashDate.DayNumber);
            BinaryPrimitives.WriteInt16LittleEndian(span[12..], r.MinuteOfDay);
            span[14] = (byte)((r.Latitude is null ? 0 : HasLatitude) | (r.Longitude is null ? 0 : HasLongitude));
            span = span[15..];
            if (r.Latitude is { } latitude)
                span = WriteDouble(span, latitude);
            if (r.Longitude is { } longitude)
                span = WriteDouble(span, longitude);
            var c = r.Casualties;
            foreach (var count in (ReadOnlySpan<short>)[
                         c.PersonsInjured, c.PersonsKilled, c.PedestriansInjured, c.PedestriansKilled,
                         c.CyclistsInjured, c.CyclistsKilled, c.MotoristsInjured, c.MotoristsKilled])
            {
                BinaryPrimitives.WriteInt16LittleEndian(span, count);
                span = span[2..];
            }
            TextsOf(r, texts);
            foreach (var text in texts)
                span = WriteText(span, text);
        }
        return new CrashRecordBatch(records.Count, packed);
    }

    /// <summary>
    /// The records again. A batch that does not decode (a client other than vz) is refused whole, saying where.
    /// </summary>
    public ImmutableArray<CrashRecord> Unpack()
    {
        // A count the bytes cannot hold is refused before anything is allocated for it.
        if (Count < 0 || Packed is null || Count > Packed.Length / SmallestRecord)
            throw new ArgumentException(
                $"crash batch is malformed: count {Count}, {(Packed is null ? "no data" : $"{Packed.Length} bytes")}");
        var records = ImmutableArray.CreateBuilder<CrashRecord>(Count);
        ReadOnlySpan<byte> span = Packed;
        try
        {
            for (var i = 0; i < Count; i++)
                records.Add(Read(ref span));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or ArgumentException)
        {
            throw new ArgumentException(
                $"crash batch is malformed at record {records.Count + 1} of {Count}: {e.Message}", e);
        }
        if (!span.IsEmpty)
            throw new ArgumentException(
                $"crash batch is malformed: {span.Length} bytes left over after record {Count}");
        return records.MoveToImmutable();
    }

    private static CrashRecord Read(ref ReadOnlySpan<byte> span)
    {
        var id = BinaryPrimitives.ReadInt64LittleEndian(span);
        var day = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        var minute = BinaryPrimitives.ReadInt16LittleEndian(span[12..]);
        var flags = span[14];
        span = span[15..];
        double? latitude = (flags & HasLatitude) != 0 ? ReadDouble(ref span) : null;
        double? longitude = (flags & HasLongitude) != 0 ? ReadDouble(ref span) : null;
        Span<short> counts = stackalloc short[8];
        for (var k = 0; k < counts.Length; k++)
        {
            counts[k] = BinaryPrimitives.ReadInt16LittleEndian(span);
            span = span[2..];
        }
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
            throw new ArgumentException($"day number {day} is not a date");
        var casualties = new Casualties(
            counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]);
        var borough = ReadText(ref span);
        var zip = ReadText(ref span);
        var on = ReadText(ref span);
        var cross = ReadText(ref span);
        var off = ReadText(ref span);
        var factors = ReadText(ref span);
        var vehicles = ReadText(ref span);
        return new CrashRecord(
            id, DateOnly.FromDayNumber(day), minute, borough, zip, latitude, longitude, on, cross, off,
            casualties, factors, vehicles);
    }

    /// <summary>The seven texts in wire order (the order <see cref="Read"/> takes them back).</summary>
    private static void TextsOf(CrashRecord r, Span<string?> into)
    {
        (into[0], into[1], into[2], into[3], into[4], into[5], into[6]) =
            (r.Borough, r.ZipCode, r.OnStreet, r.CrossStreet, r.OffStreet, r.Factors, r.Vehicles);
    }

    private static Span<byte> WriteDouble(Span<byte> span, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        return span[8..];
    }

    private static double ReadDouble(ref ReadOnlySpan<byte> span)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(span);
        span = span[8..];
        return value;
    }

    private static Span<byte> WriteText(Span<byte> span, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, -1);
            return span[4..];
        }
        var length = Encoding.UTF8.GetBytes(text, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        return span[(4 + length)..];
    }

    private static string? ReadText(ref ReadOnlySpan<byte> span)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[4..];
        if (length == -1)
            return null;
        if (length < 0 || length > span.Length)
            throw new ArgumentException($"a text of {length} bytes where {span.Length} remain");
        var text = length == 0 ? "" : Encoding.UTF8.GetString(span[..length]);
        span = span[length..];
        return text;
    }
}
