using System.Runtime.CompilerServices;
using System.Text;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Reads NMEA 0183 (RMC and GGA sentences) line by line as it arrives, from a serial device, a pipe, stdin or
/// a recorded file, never holding more than one line. Every line gives a result except ignored sentence types.
/// </summary>
public static class NmeaTraceReader
{
    /// <summary>NMEA's own limit is 82 characters; anything much longer is noise, not a sentence.</summary>
    public const int MaxLineLength = 200;

    /// <summary>
    /// Bytes are read as Latin-1, one character each, so binary noise never fails to decode: it is refused as
    /// malformed by the line's own check.
    /// </summary>
    public static IAsyncEnumerable<FixParseResult> ReadAsync(
        Stream input,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadAsync(
            new StreamReader(input, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, leaveOpen: true),
            cancellationToken);
    }

    public static async IAsyncEnumerable<FixParseResult> ReadAsync(
        TextReader input,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lines = new BoundedLineReader(input, MaxLineLength);
        var decoder = new NmeaSentenceDecoder();
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.IsTooLong)
                yield return FixParseResult.Skipped(FixSkipReason.Malformed);
            else if (decoder.Decode(line.Text) is { } result)
                yield return result;
        }
    }
}
