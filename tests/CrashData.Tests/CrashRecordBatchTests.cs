using System.Buffers.Binary;

namespace VisionZero.CrashData.Tests;

/// <summary>
/// The packed form ingest batches travel in: every field comes back, and a damaged batch is refused, saying where.
/// </summary>
[Trait("Category", "Fast")]
public class CrashRecordBatchTests
{
    private static CrashRecord Crash(
        long id = 7,
        string? on = "AVENUE U",
        double? latitude = 40.61,
        string? factors = "Unspecified") =>
        new(id, new DateOnly(2020, 6, 1), 495, "BROOKLYN", "11234", latitude, -73.93, on, "FLATBUSH AVENUE", null,
            new Casualties(1, 0, 1, 0, 0, 0, 0, 0), factors, "Sedan");

    [Fact]
    public async Task Every_record_of_the_primary_file_comes_back_equal()
    {
        var records = (await ReaderFiles.ReadAllAsync(SharedData.Crashes(SharedData.Primary)))
            .Where(r => r.Record is not null).Select(r => r.Record!).ToList();

        var unpacked = CrashRecordBatch.Pack(records).Unpack();

        Assert.True(records.Count > 10_000);
        Assert.Equal(records, unpacked);
    }

    [Fact]
    public void Nulls_empty_texts_extreme_values_and_hostile_strings_come_back_equal()
    {
        CrashRecord[] records =
        [
            Crash(),
            Crash(long.MinValue, on: null, latitude: null, factors: ""),
            new(long.MaxValue, DateOnly.MaxValue, short.MaxValue, null, null, null, null, null, null, null,
                new Casualties(short.MaxValue, short.MinValue, -1, 2, 3, 4, 5, 6), null, null),
            Crash(
                3,
                on: "Ö'BRIEN \"STREET\",\r\n\t\0 ; DROP TABLE vz_crash; -- 道路 🚲",
                factors: new string('x', 1 << 20)),
        ];

        var batch = CrashRecordBatch.Pack(records);

        Assert.Equal(4, batch.Count);
        Assert.Equal(records, batch.Unpack());
    }

    [Fact]
    public void An_empty_batch_packs_to_nothing_and_back()
    {
        var batch = CrashRecordBatch.Pack([]);

        Assert.Empty(batch.Packed);
        Assert.Empty(batch.Unpack());
    }

    [Fact]
    public void A_truncated_batch_is_refused_naming_the_record()
    {
        var packed = CrashRecordBatch.Pack([Crash(1), Crash(2), Crash(3)]).Packed;

        var error = Assert.Throws<ArgumentException>(() => new CrashRecordBatch(3, packed[..^10]).Unpack());

        Assert.Contains("malformed at record 3 of 3", error.Message);
    }

    [Fact]
    public void A_count_that_does_not_match_the_bytes_is_refused()
    {
        var packed = CrashRecordBatch.Pack([Crash(1), Crash(2)]).Packed;

        Assert.Contains(
            "bytes left over after record 1",
            Assert.Throws<ArgumentException>(() => new CrashRecordBatch(1, packed).Unpack()).Message);
        Assert.Contains(
            "malformed at record 3 of 3",
            Assert.Throws<ArgumentException>(() => new CrashRecordBatch(3, packed).Unpack()).Message);
        Assert.Contains(
            "count -1",
            Assert.Throws<ArgumentException>(() => new CrashRecordBatch(-1, packed).Unpack()).Message);
    }

    [Fact]
    public void A_count_no_bytes_could_hold_is_refused_before_anything_is_allocated_for_it()
    {
        var packed = CrashRecordBatch.Pack([Crash(1)]).Packed;

        var error = Assert.Throws<ArgumentException>(() => new CrashRecordBatch(int.MaxValue, packed).Unpack());

        Assert.Contains($"count {int.MaxValue}, {packed.Length} bytes", error.Message);
    }

    [Fact]
    public void A_text_longer_than_the_batch_and_a_day_that_is_no_date_are_refused()
    {
        var packed = CrashRecordBatch.Pack([Crash(on: null, latitude: null)]).Packed;
        var textStart = 15 + 8 + 16; // id, day, minute, flags; longitude only; casualties
        var longText = packed.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(longText.AsSpan(textStart), int.MaxValue);
        var badDay = packed.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(badDay.AsSpan(8), -5);

        Assert.Contains(
            $"a text of {int.MaxValue} bytes",
            Assert.Throws<ArgumentException>(() => new CrashRecordBatch(1, longText).Unpack()).Message);
        Assert.Contains(
            "day number -5 is not a date",
            Assert.Throws<ArgumentException>(() => new CrashRecordBatch(1, badDay).Unpack()).Message);
    }

    [Fact]
    public void Random_bytes_are_refused_not_read_as_records()
    {
        var noise = new byte[4_096];
        new Random(11).NextBytes(noise);

        Assert.Throws<ArgumentException>(() => new CrashRecordBatch(100, noise).Unpack());
    }
}
