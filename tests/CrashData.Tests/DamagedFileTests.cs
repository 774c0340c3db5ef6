using System.IO.Compression;
using System.Text;
using VisionZero.CrashData;

namespace VisionZero.CrashData.Tests;

/// <summary>
/// Damaged file structure, by class: stray quotes (at a field's start, inside one, paired, at the end),
/// wrong column counts, repeated header names, over-long lines, compressed bombs, mostly-damaged files
/// and encodings. A damaged line costs that line; a file that cannot be read as an export is refused whole.
/// </summary>
[Trait("Category", "Fast")]
public class DamagedFileTests
{
    private static readonly string[] Primary = File.ReadAllLines(SharedData.Crashes(SharedData.Primary));

    private static string Text(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    /// <summary>The primary file with one line (1-based, the header being line 1) replaced.</summary>
    private static string WithLine(int lineNumber, Func<string, string> change) =>
        Text(Primary.Select((line, i) => i + 1 == lineNumber ? change(line) : line));

    private static async Task AssertOnlyLinesLostAsync(string damaged, params long[] lostLines)
    {
        var clean = await ReaderFiles.ReadTextAsync(Text(Primary));
        var rows = await ReaderFiles.ReadTextAsync(damaged);
        Assert.Equal(clean.Count, rows.Count);
        var malformed = rows.Where(r => r.Rejected?.Reason == RejectReason.MalformedRow).ToList();
        Assert.Equal(lostLines, malformed.Select(r => r.Rejected!.LineNumber));
        Assert.All(malformed, r => Assert.Contains("stray quote", r.Rejected!.Detail));
        // Every other line reads exactly as it does in the undamaged file (data line i is row i - 2 there).
        var expected = clean.Where((_, i) => !lostLines.Contains(i + 2)).Select(Key);
        Assert.Equal(expected, rows.Except(malformed).Select(Key));
    }

    /// <summary>A record by its id, a rejected row by its reason and line.</summary>
    private static string Key(CrashRow row) =>
        row.Record is { } record ? record.CollisionId.ToString() : $"{row.Rejected!.Reason}@{row.Rejected.LineNumber}";

    [Fact]
    public async Task A_stray_quote_at_the_start_of_a_field_costs_that_line_not_the_rest_of_the_file() =>
        await AssertOnlyLinesLostAsync(WithLine(8_001, line => line.Replace(",BROOKLYN,", ",\"BROOKLYN,")), 8_001);

    [Fact]
    public async Task A_stray_quote_inside_a_field_costs_that_line() =>
        await AssertOnlyLinesLostAsync(WithLine(100, line => line.Replace(",BROOKLYN,", ",BROOK\"LYN,")), 100);

    [Fact]
    public async Task Two_stray_quotes_a_few_lines_apart_cost_their_two_lines()
    {
        var damaged = Text(Primary.Select((line, i) =>
            i + 1 is 500 or 503 ? line.Replace(",BROOKLYN,", ",\"BROOKLYN,") : line));
        await AssertOnlyLinesLostAsync(damaged, 500, 503);
    }

    [Fact]
    public async Task A_stray_quote_on_the_last_line_costs_that_line() =>
        await AssertOnlyLinesLostAsync(
            WithLine(Primary.Length, line => line.Replace(",BROOKLYN,", ",\"BROOKLYN,")),
            Primary.Length);

    [Fact]
    public async Task A_stray_quote_followed_by_16_MB_of_rows_still_reads_every_row_after_it()
    {
        var tail = Enumerable.Repeat(Primary[1..], 5)
            .SelectMany(r => r)
            .Select((line, i) => i == 0 ? "\"" + line : line)
            .ToList();
        var rows = await ReaderFiles.ReadTextAsync(Text(Primary[..1].Concat(tail)));
        Assert.True(tail.Sum(l => l.Length) > 16 << 20, "the tail should be over 16 MB");
        Assert.Equal(tail.Count, rows.Count);
        Assert.Equal(
            2L,
            Assert.Single(rows, r => r.Rejected?.Reason == RejectReason.MalformedRow).Rejected!.LineNumber);
    }

    [Fact]
    public async Task A_quoted_field_that_spans_lines_is_one_record()
    {
        var text = WithLine(3, line => line.Replace(",BROOKLYN,", ",\"BROOK\nLYN\",")); // a line break inside quotes
        var rows = await ReaderFiles.ReadTextAsync(text);
        var clean = await ReaderFiles.ReadTextAsync(Text(Primary));
        Assert.DoesNotContain(rows, r => r.Rejected?.Reason == RejectReason.MalformedRow);
        Assert.Equal(clean.Select(r => r.Record?.CollisionId), rows.Select(r => r.Record?.CollisionId));
    }

    [Theory]
    [InlineData("CRASH DATE", "named 'CRASH DATE' (columns 1 and 30)")]
    [InlineData("", "with no name (columns 30 and 31)")]
    public async Task A_header_that_repeats_a_column_name_is_refused_naming_it(string extra, string named)
    {
        var header = Primary[0] + "," + extra + (extra.Length == 0 ? "," : "");
        var lines = new[] { header }.Concat(Primary[1..3].Select(l => l + (extra.Length == 0 ? ",," : ",x")));
        var error = await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadTextAsync(Text(lines)));
        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("\"")]
    public async Task An_empty_blank_or_lone_quote_file_is_refused_as_not_a_crash_export(string text)
    {
        var error = await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadTextAsync(text));
        Assert.Contains("not a crash export", error.Message);
    }

    [Fact]
    public async Task A_line_over_a_mebibyte_refuses_the_file_naming_the_line()
    {
        var text = WithLine(50, line => line + new string('x', 20 << 20));
        var error = await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadTextAsync(text));
        Assert.Contains("line 50 is longer than 1 MiB", error.Message);
    }

    [Fact]
    public async Task A_gzip_bomb_of_zeros_is_refused_at_its_first_line_without_reading_it_all()
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(new byte[256 << 20]);
        var counted = new CountingStream(new MemoryStream(packed.ToArray()));
        var error = await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadAllAsync(counted));
        Assert.Contains("line 1 is longer than 1 MiB", error.Message);
        Assert.True(counted.BytesRead < packed.Length, "the reader stopped before the end of the bomb");
    }

    [Fact]
    public async Task A_file_that_is_mostly_damage_is_refused_not_reported_as_read()
    {
        var lines = Primary[..1].Concat(Primary[1..3_001].Select((l, i) => i % 3 == 0 ? l : l + ",extra"));
        var error = await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadTextAsync(Text(lines)));
        Assert.Contains("are not rows of its header's shape", error.Message);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("crlf")]
    [InlineData("cr")]
    public async Task Encodings_and_line_endings_read_the_same_rows(string form)
    {
        var text = Text(Primary[..2_001]);
        var bytes = form switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "crlf" => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n")),
            _ => Encoding.UTF8.GetBytes(text.Replace("\n", "\r")),
        };
        var expected = await ReaderFiles.ReadTextAsync(text);
        var rows = await ReaderFiles.ReadAllAsync(new MemoryStream(bytes));
        Assert.Equal(expected.Select(Key), rows.Select(Key));
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
    }
}
