using System.Runtime.CompilerServices;
using nietras.SeparatedValues;

namespace VisionZero.CrashData;

/// <summary>Reads portal-style CSV with Sep; rows with the wrong number of columns are rejected, not fatal.</summary>
internal sealed class CsvCrashRowSource : ICrashRowSource
{
    private readonly SepReader _reader;
    private readonly CrashRowParser _parser;
    private readonly int _headerCount;

    private CsvCrashRowSource(SepReader reader, CrashRowParser parser)
    {
        _reader = reader;
        _parser = parser;
        var header = _reader.Header.ColNames;
        if (header.Count < 2)
        {
            _reader.Dispose();
            throw new CrashFileFormatException("not a crash export: the first line is not a CSV header");
        }
        _headerCount = header.Count;
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

    public static CsvCrashRowSource Open(Stream input, CrashRowParser parser) => new(Options().From(input), parser);

    /// <summary>Reads the header without blocking on the stream.</summary>
    public static async Task<CsvCrashRowSource> OpenAsync(Stream input, CrashRowParser parser, CancellationToken cancellationToken) =>
        new(await Options().FromAsync(input, cancellationToken), parser);

    private static SepReaderOptions Options() =>
        Sep.New(',').Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true });

    public CrashSchema Schema { get; }

    public async IAsyncEnumerable<CrashRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var values = new string?[CrashSchema.FieldCount];
        var columns = Enumerable.Range(0, CrashSchema.FieldCount).Select(f => Schema.ColumnOf((CrashField)f)).ToArray();
        // Asynchronous so that a request body, which refuses blocking reads, can be read as it arrives.
        while (await _reader.MoveNextAsync(cancellationToken))
        {
            var row = _reader.Current;
            var line = row.LineNumberFrom;
            // Blank lines (a trailing newline too many, a hand-edited file) are not rows.
            if (row.ColCount == 1 && row.Span.IsWhiteSpace())
                continue;
            if (row.ColCount != _headerCount)
            {
                yield return CrashRow.Reject(new RejectedRow(line, RejectReason.MalformedRow,
                    $"row has {row.ColCount} columns, the header has {_headerCount}", Raw(row.Span)));
                continue;
            }
            for (var f = 0; f < columns.Length; f++)
                values[f] = columns[f] < 0 ? null : Text(row[columns[f]].Span);
            yield return _parser.Parse(values, line, row.Span);
        }
    }

    /// <summary>Most fields are blank or "0": neither needs a new string for every row.</summary>
    private static string? Text(ReadOnlySpan<char> span) => span switch
    {
        [] => null,
        "0" => "0",
        _ => span.ToString(),
    };

    private static string Raw(ReadOnlySpan<char> span) =>
        span.Length > CrashRowParser.MaxRawRowLength ? span[..CrashRowParser.MaxRawRowLength].ToString() : span.ToString();

    public void Dispose() => _reader.Dispose();
}
