using System.Text;
using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

/// <summary>A trace read to the end through a <see cref="FixFilter"/>: what it accepted and what it counted.</summary>
internal sealed record TraceRun(IReadOnlyList<GpsFix> Accepted, FixCounts Counts)
{
    public static async Task<TraceRun> OfAsync(IAsyncEnumerable<FixParseResult> results)
    {
        var filter = new FixFilter();
        var accepted = new List<GpsFix>();
        await foreach (var fix in filter.AcceptAsync(results))
            accepted.Add(fix);
        return new TraceRun(accepted, filter.Counts);
    }

    public static Task<TraceRun> OfNmeaAsync(params string[] lines) =>
        OfAsync(NmeaTraceReader.ReadAsync(Bytes(string.Join("\r\n", lines) + "\r\n")));

    public static Task<TraceRun> OfGpxAsync(string text) => OfAsync(GpxTraceReader.ReadAsync(Bytes(text), "test.gpx"));

    public static Task<TraceRun> OfCsvAsync(string text) => OfAsync(CsvTraceReader.ReadAsync(Bytes(text), "test.csv"));

    public static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
