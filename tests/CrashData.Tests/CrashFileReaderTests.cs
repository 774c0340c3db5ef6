using System.Globalization;
using System.IO.Compression;
using VisionZero.CrashData;

namespace VisionZero.CrashData.Tests;

[Trait("Category", "Fast")]
public class CrashFileReaderTests
{
    [Theory]
    [InlineData(SharedData.Primary, 15_753)]
    [InlineData(SharedData.Manhattan, 18_128)]
    [InlineData(SharedData.Legacy2013, 15_643)]
    [InlineData(SharedData.LegacyCr, 3_646)]
    [InlineData(SharedData.Pandas2025, 19_344)]
    public async Task Every_shared_export_reads_every_row_once(string file, int rows)
    {
        var read = await ReaderFiles.ReadAllAsync(SharedData.Crashes(file));
        Assert.Equal(rows, read.Count);
        var ids = read.Where(r => r.Record is not null).Select(r => r.Record!.CollisionId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The shared extracts are clean enough that almost everything is accepted.
        Assert.True(ids.Count > rows * 0.9, $"only {ids.Count} of {rows} accepted");
    }

    [Fact]
    public async Task Rows_without_coordinates_or_a_street_pair_are_rejected_as_no_location_and_only_those()
    {
        var path = SharedData.Crashes(SharedData.Primary);
        var expected = RawStreets.Rows(path).Count(r =>
            !HasCoordinates(r["LATITUDE"], r["LONGITUDE"]) &&
            IntersectionKey.TryCreate(r["ON STREET NAME"], r["CROSS STREET NAME"]) is null);
        var read = await ReaderFiles.ReadAllAsync(path);
        var rejected = read.Where(r => r.Rejected is not null).Select(r => r.Rejected!).ToList();
        Assert.True(expected > 0);
        Assert.Equal(expected, rejected.Count(r => r.Reason == RejectReason.NoLocation));
        Assert.All(rejected, r => Assert.Equal(RejectReason.NoLocation, r.Reason));
    }

    private static bool HasCoordinates(string lat, string lon) =>
        double.TryParse(lat, CultureInfo.InvariantCulture, out var a) &&
        double.TryParse(lon, CultureInfo.InvariantCulture, out var b) && !(a == 0 && b == 0);

    [Fact]
    public async Task Legacy_headers_map_to_the_current_fields()
    {
        var read = await ReaderFiles.ReadAllAsync(SharedData.Crashes(SharedData.Legacy2013));
        var records = read.Select(r => r.Record).OfType<CrashRecord>().ToList();
        Assert.All(records, r => Assert.Equal(2013, r.CrashDate.Year));
        Assert.All(records, r => Assert.Equal(1, r.CrashDate.Month));
        Assert.Contains(records, r => r.MinuteOfDay > 0);
        Assert.True(records.Count(r => r.Intersection is not null) > 10_000);
    }

    [Fact]
    public async Task Classic_mac_line_endings_and_two_digit_years_read_as_2012_to_2014()
    {
        var read = await ReaderFiles.ReadAllAsync(SharedData.Crashes(SharedData.LegacyCr));
        var records = read.Select(r => r.Record).OfType<CrashRecord>().ToList();
        Assert.Equal(3_646, records.Count);
        Assert.Equal(new DateOnly(2012, 7, 1), records.Min(r => r.CrashDate));
        Assert.Equal(new DateOnly(2014, 5, 6), records.Max(r => r.CrashDate));
        Assert.All(records, r => Assert.True(r.HasCoordinates));
        // TILLARY & FLATBUSH AVENUE EXTENSION is written in both orders: 174 + 143 crashes.
        var tillary = IntersectionKey.TryCreate("TILLARY STREET", "FLATBUSH AVENUE EXTENSION")!.Id;
        Assert.Equal(174 + 143, records.Count(r => r.Intersection?.Id == tillary));
    }

    [Fact]
    public async Task Pandas_exports_lose_their_float_zip_codes_and_index_column()
    {
        var read = await ReaderFiles.ReadAllAsync(SharedData.Crashes(SharedData.Pandas2025));
        var records = read.Select(r => r.Record).OfType<CrashRecord>().ToList();
        Assert.Contains(records, r => r.ZipCode == "11207");
        Assert.All(records.Where(r => r.ZipCode is not null), r => Assert.Matches("^[0-9]{5}$", r.ZipCode));
        // 84.5% of names are abbreviated (E 125 ST): canonical keys expand them.
        Assert.Contains(records, r => r.Intersection?.Name.Contains("STREET", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(records, r => r.Intersection?.Name.EndsWith(" ST", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Soda_field_names_swap_off_and_cross_street()
    {
        var read = await ReaderFiles.ReadAllAsync(SharedData.Fixture(SharedData.SodaCsv));
        Assert.Equal(1_000, read.Count);
        var whitestone = read.Select(r => r.Record).Single(r => r?.CollisionId == 4455765)!;
        Assert.Equal("WHITESTONE EXPRESSWAY", whitestone.OnStreet);
        Assert.Equal("20 AVENUE", whitestone.CrossStreet);
        Assert.Equal(new DateOnly(2021, 9, 11), whitestone.CrashDate);
        Assert.Equal(2 * 60 + 39, whitestone.MinuteOfDay);
        Assert.True(read.Count(r => r.Record?.Intersection is not null) > 300);
    }

    [Fact]
    public async Task Gzip_input_reads_the_same_as_plain()
    {
        var path = SharedData.Crashes(SharedData.LegacyCr);
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            await using (var file = File.OpenRead(path))
                await file.CopyToAsync(gzip);
        compressed.Position = 0;
        var plain = await ReaderFiles.ReadAllAsync(path);
        var unzipped = await ReaderFiles.ReadAllAsync(compressed);
        Assert.Equal(plain.Select(r => r.Record), unzipped.Select(r => r.Record));
    }
}
