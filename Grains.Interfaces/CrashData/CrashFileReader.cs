using System.IO.Compression;

namespace VisionZero.CrashData;

/// <summary>
/// Opens a crash export of any supported shape (portal CSV old and new, pandas CSV, SODA JSON;
/// plain or gzip) and streams its rows. The header is checked on open, so a file that is not a
/// crash export is refused before a single row is read.
/// </summary>
public static class CrashFileReader
{
    /// <summary>
    /// Detects gzip by its magic bytes and JSON by its first character, never blocking on the stream: HTTP
    /// request bodies and other network streams refuse synchronous reads. The reader owns the stream.
    /// </summary>
    public static async Task<ICrashRowSource> OpenAsync(
        Stream stream,
        DateOnly today,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var input = new PeekableStream(stream);
            if ((await input.PeekAsync(2, cancellationToken)).Span is [0x1f, 0x8b])
                input = new PeekableStream(new GZipStream(input, CompressionMode.Decompress));
            var parser = new CrashRowParser(today);
            var first = FirstNonSpaceByte((await input.PeekAsync(512, cancellationToken)).Span);
            return IsJson(first)
                ? new SodaJsonRowSource(input, parser, first == '{')
                : await CsvCrashRowSource.OpenAsync(input, parser, cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static bool IsJson(int firstByte) => firstByte is '[' or '{';

    private static int FirstNonSpaceByte(ReadOnlySpan<byte> head)
    {
        if (head is [0xEF, 0xBB, 0xBF, ..])
            head = head[3..];
        foreach (var b in head)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return b;
        }
        return -1;
    }
}
