using System.Runtime.CompilerServices;
using System.Text;
using nietras.SeparatedValues;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Reads a CSV trace whose header names <c>time</c> (ISO-8601), <c>lat</c> and <c>lon</c> (decimal degrees),
/// in any order and among other columns. A row that does not parse is malformed on its own; a header without
/// one of the three refuses the file.
/// </summary>
public static class CsvTraceReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["time", "lat", "lon"];

    public static IAsyncEnumerable<FixParseResult> ReadAsync(
        Stream input,
        string sourceName,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadAsync(new StreamReader(input, Encoding.UTF8, leaveOpen: true), sourceName, cancellationToken);
    }

    public static async IAsyncEnumerable<FixParseResult> ReadAsync(
        TextReader input,
        string sourceName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = await Sep.New(',')
            .Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .FromAsync(input, cancellationToken);
        if (reader.Header.IsEmpty)
            yield break; // an empty file: no fixes, nothing wrong with it
        var columns = RequiredColumns.Select(name => ColumnOf(reader.Header.ColNames, name, sourceName)).ToArray();
        while (true)
        {
            var moved = await MoveNextAsync(reader, cancellationToken);
            if (moved == false)
                yield break;
            if (moved is null)
            {
                yield return FixParseResult.Skipped(FixSkipReason.Malformed);
                yield break;
            }
            yield return Parse(reader.Current, columns[0], columns[1], columns[2]);
        }
    }

    private static FixParseResult Parse(SepReader.Row row, int time, int latitude, int longitude)
    {
        if (row.ColCount <= Math.Max(time, Math.Max(latitude, longitude))
            || !TraceText.TryParseTime(row[time].Span, out var at)
            || !TraceText.TryParseDegrees(row[latitude].Span, 90, out var lat)
            || !TraceText.TryParseDegrees(row[longitude].Span, 180, out var lon))
            return FixParseResult.Skipped(FixSkipReason.Malformed);
        return FixParseResult.Parsed(new GpsFix(at, lat, lon));
    }

    /// <summary>
    /// True for a row, false at the end, null when Sep gives up on the text (a quote never closed runs a row
    /// past its size limit): the rest of the file cannot be framed, so the trace ends there.
    /// </summary>
    private static async ValueTask<bool?> MoveNextAsync(SepReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.MoveNextAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int ColumnOf(IReadOnlyList<string> header, string name, string sourceName)
    {
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        var needed = string.Join(",", RequiredColumns);
        throw new TraceFileException(
            $"{sourceName}: the CSV header has no '{name}' column (a CSV trace needs {needed})");
    }
}
