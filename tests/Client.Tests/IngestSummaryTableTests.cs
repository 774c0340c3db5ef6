using System.Collections.Immutable;
using VisionZero.Client.Output;
using VisionZero.Grid;

namespace VisionZero.Client.Tests;

/// <summary>vz ingest's summary: boxed under its source's name in a terminal, plain aligned text in a pipe.</summary>
[Trait("Category", "Fast")]
public sealed class IngestSummaryTableTests
{
    private static readonly IngestSummary Summary = new(
        "nyc-motor-vehicle-collisions-crashes-2012-07-01-to-2024-06-30.csv.gz",
        Read: 2_212_437,
        Accepted: 2_104_112,
        Duplicates: 61_020,
        Replaced: 1_204,
        Rejected: 46_101,
        RejectedByReason: ImmutableDictionary<string, long>.Empty
            .Add("no-location", 39_870)
            .Add("bad-date", 6_000)
            .Add("malformed-row", 231),
        Unmatched: 18_442,
        Attributed: 1_287_665,
        IntersectionsTouched: 148_903,
        LatestCrashDate: new DateOnly(2024, 6, 30));

    [Fact]
    public void A_pipe_gets_plain_aligned_text_with_no_box_and_no_word_split()
    {
        var rendered = Rendered.Of("pipe", output => IngestSummaryTable.Write(output, Summary));

        Assert.DoesNotContain(rendered.Text, c => c is >= '\u2500' and <= '\u257F');
        Assert.Equal(Summary.Source, rendered.Lines[0]);
        var content = IngestSummaryTable.Content(Summary);
        var expected = content.Rows.SelectMany(r => r)
            .Concat(content.Columns.Select(c => c.Header))
            .Append(Summary.Source)
            .SelectMany(Rendered.Words)
            .ToHashSet();
        var tokens = rendered.Tokens;
        Assert.All(expected, word => Assert.Contains(word, tokens));
        Assert.All(tokens, token => Assert.Contains(token, expected));
        // Aligned: every count ends in the same column, and each row is on one line.
        var rows = rendered.Lines.Skip(2).ToList();
        Assert.Equal(content.Rows.Count, rows.Count);
        Assert.Single(rows.Select(line => line.Length).Distinct());
        Assert.Contains(rendered.Lines, line => line.StartsWith("  no-location ", StringComparison.Ordinal));
        Assert.Contains("--json", rendered.Hints);
    }

    [Fact]
    public void A_terminal_gets_the_boxed_table_titled_with_the_source()
    {
        var summary = Summary with { Source = "crashes.csv" };
        var rendered = Rendered.Of("120", output => IngestSummaryTable.Write(output, summary));

        Assert.Equal("crashes.csv", rendered.Lines[0].Trim());
        Assert.StartsWith("┌", rendered.Lines[1], StringComparison.Ordinal);
        Assert.Contains(rendered.Lines, line => line.StartsWith("│ read ", StringComparison.Ordinal)
            && line.EndsWith($" {summary.Read:N0} │", StringComparison.Ordinal));
        Assert.Empty(rendered.Hints);
    }
}
