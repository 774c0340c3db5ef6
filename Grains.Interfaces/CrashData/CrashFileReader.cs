using System.IO.Compression;

namespace VisionZero.CrashData;

/// <summary>
/// Opens a crash export of any supported shape (portal CSV old and new, pandas CSV, SODA JSON;
/// plain or gzip) and streams its rows. The header is checked on open, so a file that is not a
/// crash export is refused before a single row is read.
/// </summary>
public static class CrashFileReader
{
    /// <summary>Opens a file; the reader owns the stream.</summary>
    public static ICrashRowSource Open(string path, DateOnly today) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), today);

    /// <summary>Detects gzip by its magic bytes and JSON by its first character; the reader owns the stream.</summary>
    public static ICrashRowSource Open(Stream stream, DateOnly today)
    {
        try
        {
            var input = new PeekableStream(stream);
            if (input.Peek(2) is [0x1f, 0x8b])
                input = new PeekableStream(new GZipStream(input, CompressionMode.Decompress));
            var parser = new CrashRowParser(today);
            return FirstNonSpaceByte(input.Peek(512)) is (byte)'[' or (byte)'{'
                ? new SodaJsonRowSource(input, parser)
                : new CsvCrashRowSource(input, parser);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

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
