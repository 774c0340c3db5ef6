using System.IO.Compression;
using System.Text;

namespace VisionZero.CrashData.Tests;

/// <summary>
/// OpenAsync reads a stream that refuses blocking reads (an HTTP request body) exactly as Open reads the file.
/// </summary>
[Trait("Category", "Fast")]
public class NonBlockingReadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_that_refuses_blocking_reads_reads_the_same_as_the_file(bool gzip)
    {
        var path = SharedData.Crashes(SharedData.LegacyCr);
        var bytes = await File.ReadAllBytesAsync(path);
        var body = new AsyncOnlyStream(gzip ? Compress(bytes) : bytes);
        var fromFile = await ReaderFiles.ReadAllAsync(path);
        var fromBody = await ReadAllAsync(body);
        Assert.Equal(3_646, fromBody.Count);
        Assert.Equal(fromFile.Select(r => r.Record), fromBody.Select(r => r.Record));
        Assert.Equal(fromFile.Select(r => r.Rejected?.Reason), fromBody.Select(r => r.Rejected?.Reason));
    }

    [Theory]
    [InlineData(
        "[{\"crash_date\":\"2021-09-11T00:00:00.000\",\"collision_id\":\"4455765\"," +
        "\"on_street_name\":\"A STREET\",\"cross_street_name\":\"B STREET\"," +
        "\"latitude\":\"40.6098\",\"longitude\":\"-73.9225\"}]")]
    [InlineData(
        "{\"crash_date\":\"2021-09-11T00:00:00.000\",\"collision_id\":\"4455765\"," +
        "\"on_street_name\":\"A STREET\",\"cross_street_name\":\"B STREET\"," +
        "\"latitude\":\"40.6098\",\"longitude\":\"-73.9225\"}")]
    public async Task Soda_json_shorter_than_the_sniffed_head_reads_without_blocking(string json)
    {
        var rows = await ReadAllAsync(new AsyncOnlyStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(4455765, Assert.Single(rows).Record?.CollisionId);
    }

    [Fact]
    public async Task A_body_that_is_not_a_crash_export_is_refused_naming_the_missing_columns()
    {
        var body = new AsyncOnlyStream(Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n"));
        var refused = await Assert.ThrowsAsync<CrashFileFormatException>(
            () => CrashFileReader.OpenAsync(body, ReaderFiles.Today));
        Assert.Contains("COLLISION_ID", refused.MissingColumns);
    }

    private static async Task<List<CrashRow>> ReadAllAsync(Stream body)
    {
        using var source = await CrashFileReader.OpenAsync(body, ReaderFiles.Today);
        var rows = new List<CrashRow>();
        await foreach (var row in source.ReadAsync())
            rows.Add(row);
        return rows;
    }

    private static byte[] Compress(byte[] bytes)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return compressed.ToArray();
    }
}
