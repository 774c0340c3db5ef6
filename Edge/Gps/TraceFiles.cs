using System.Runtime.CompilerServices;

namespace VisionZero.Edge.Gps;

/// <summary>Opens a trace by its path: the format follows the extension, and <c>-</c> is NMEA on stdin.</summary>
public static class TraceFiles
{
    public const string StandardInput = "-";

    /// <summary>
    /// The format a path holds. A path without an extension is a device such as <c>/dev/ttyACM0</c>, which
    /// speaks NMEA; an extension this reader does not know refuses the file.
    /// </summary>
    public static TraceFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == StandardInput)
            return TraceFormat.Nmea;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            "" or ".nmea" or ".txt" => TraceFormat.Nmea,
            ".gpx" => TraceFormat.Gpx,
            ".csv" => TraceFormat.Csv,
            _ => throw new TraceFileException(
                $"{path}: unknown trace type '{extension}': use .nmea or .txt (NMEA 0183), .gpx (GPX 1.1), " +
                ".csv (time,lat,lon), a device path, or - for NMEA on stdin"),
        };
    }

    /// <summary>Reads the trace at <paramref name="path"/>, or NMEA from this process's stdin for <c>-</c>.</summary>
    public static IAsyncEnumerable<FixParseResult> ReadAsync(
        string path,
        CancellationToken cancellationToken = default) =>
        ReadAsync(path, Console.OpenStandardInput, cancellationToken);

    /// <summary>As <see cref="ReadAsync(string, CancellationToken)"/>, with stdin supplied by the caller.</summary>
    public static async IAsyncEnumerable<FixParseResult> ReadAsync(
        string path,
        Func<Stream> standardInput,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var format = FormatOf(path);
        await using var input = path == StandardInput ? standardInput() : OpenFile(path);
        var name = path == StandardInput ? "stdin" : path;
        var results = format switch
        {
            TraceFormat.Gpx => GpxTraceReader.ReadAsync(input, name, cancellationToken),
            TraceFormat.Csv => CsvTraceReader.ReadAsync(input, name, cancellationToken),
            _ => NmeaTraceReader.ReadAsync(input, cancellationToken),
        };
        await foreach (var result in results.WithCancellation(cancellationToken))
            yield return result;
    }

    /// <summary>Shared for writing: a logger may still be appending to the file, a daemon holding the device.</summary>
    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 4096,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
}
