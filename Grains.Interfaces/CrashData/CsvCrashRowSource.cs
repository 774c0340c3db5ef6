using System.Runtime.CompilerServices;
using System.Text;
using nietras.SeparatedValues;

namespace VisionZero.CrashData;

/// <summary>
/// Reads portal-style CSV with Sep, behind a <see cref="CsvRecordFramer"/> that hands Sep only well-formed
/// records: a damaged line (a stray quote, the wrong number of columns) is quarantined on its own and the
/// rest of the file still reads.
/// </summary>
internal sealed class CsvCrashRowSource : ICrashRowSource
{
    private readonly SepReader _reader;
    private readonly CsvRecordFramer _framer;
    private readonly CrashRowParser _parser;

    private CsvCrashRowSource(SepReader reader, CsvRecordFramer framer, CrashRowParser parser)
    {
        _reader = reader;
        _framer = framer;
        _parser = parser;
        var header = _reader.Header.ColNames;
        if (header.Count < 2)
        {
            _reader.Dispose();
            throw new CrashFileFormatException("not a crash export: the first line is not a CSV header");
        }
        try
        {
            Schema = CrashSchema.FromHeader(header);
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads the header without blocking on the stream.</summary>
    public static async Task<CsvCrashRowSource> OpenAsync(
        Stream input,
        CrashRowParser parser,
        CancellationToken cancellationToken)
    {
        var framer = Framer(input);
        return new(await Options().FromAsync(framer, cancellationToken), framer, parser);
    }

    private static CsvRecordFramer Framer(Stream input) =>
        new(new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));

    private static SepReaderOptions Options() =>
        Sep.New(',').Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true });

    public CrashSchema Schema { get; }

    public async IAsyncEnumerable<CrashRow> ReadAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var values = new string?[CrashSchema.FieldCount];
        var columns = Enumerable.Range(0, CrashSchema.FieldCount).Select(f => Schema.ColumnOf((CrashField)f)).ToArray();
        // Asynchronous so that a request body, which refuses blocking reads, can be read as it arrives.
        while (await _reader.MoveNextAsync(cancellationToken))
        {
            var line = _framer.RecordLines.Dequeue();
            while (_framer.Damaged.TryPeek(out var damaged) && damaged.LineNumber < line)
                yield return CrashRow.Reject(_framer.Damaged.Dequeue());
            var row = _reader.Current;
            for (var f = 0; f < columns.Length; f++)
                values[f] = columns[f] < 0 ? null : Text(row[columns[f]].Span);
            yield return _parser.Parse(values, line, row.Span);
        }
        while (_framer.Damaged.TryDequeue(out var damaged))
            yield return CrashRow.Reject(damaged);
    }

    /// <summary>Most fields are blank or "0": neither needs a new string for every row.</summary>
    private static string? Text(ReadOnlySpan<char> span) => span switch
    {
        [] => null,
        "0" => "0",
        _ => span.ToString(),
    };

    public void Dispose() => _reader.Dispose();
}
