using VisionZero.Client.Output;
using VisionZero.Risk;

namespace VisionZero.Client.Tests;

/// <summary>
/// vz top, near, intersection and backtest at 80 and 120 columns and in a pipe: no word is ever split across
/// lines, no line is wider than the terminal, and names take the room they need before other columns do.
/// </summary>
[Trait("Category", "Fast")]
public sealed class TableLayoutTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var table in new[] { "top", "near", "intersection", "backtest" })
        {
            foreach (var mode in new[] { "80", "120", "pipe" })
                cases.Add(table, mode);
        }
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Every_word_of_every_shown_cell_is_whole_on_one_line(string table, string mode)
    {
        var content = Content(table);
        IReadOnlyList<string> left = [];
        var rendered = Rendered.Of(mode, output => left = TextTable.Write(output, content));

        var shown = Enumerable.Range(0, content.Columns.Count)
            .Where(i => !left.Contains(content.Columns[i].Header)).ToList();
        var expected = shown.SelectMany(i => content.Rows.Select(r => r[i]).Prepend(content.Columns[i].Header))
            .SelectMany(Rendered.Words).ToHashSet();
        var tokens = rendered.Tokens;
        Assert.All(expected, word => Assert.Contains(word, tokens));
        // A fragment such as "Dangero" would be a token that is no whole word of the content.
        Assert.All(tokens, token => Assert.Contains(token, expected));
    }

    [Theory, MemberData(nameof(Cases))]
    public void No_line_is_wider_than_the_terminal(string table, string mode)
    {
        var rendered = Render(table, mode);

        if (rendered.Width is { } width)
            Assert.All(rendered.Lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.NotEmpty(rendered.Lines);
    }

    [Theory]
    [InlineData("top", "80")]
    [InlineData("top", "120")]
    [InlineData("near", "80")]
    [InlineData("near", "120")]
    [InlineData("intersection", "80")]
    [InlineData("near", "pipe")]
    public void Each_name_and_class_is_on_a_single_line(string table, string mode)
    {
        var rendered = Render(table, mode);

        var rows = SampleRows.Snapshots().Take(table == "intersection" ? 1 : SampleRows.Names.Count);
        foreach (var row in rows)
        {
            Assert.Contains(rendered.Lines, line => line.Contains(row.Name, StringComparison.Ordinal));
            var riskClass = RiskClassNames.Display(row.Risk!.RiskClass);
            Assert.Contains(rendered.Lines, line => line.Contains(riskClass, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Near_at_120_columns_heads_the_distance_clearly_and_keeps_the_risk()
    {
        var header = Render("near", "120").Lines[1];

        Assert.Contains("dist m", header);
        Assert.Contains("risk", header);
        Assert.Contains("class", header);
    }

    [Fact]
    public void A_name_too_long_for_the_terminal_wraps_between_words()
    {
        const string name = "CROSS BRONX EXPRESSWAY SERVICE ROAD NORTH & WESTCHESTER AVENUE EXTENSION";
        var rows = SampleRows.Snapshots([name, .. SampleRows.Names]);
        var content = IntersectionTable.Content(rows);
        IReadOnlyList<string> left = [];
        var rendered = Rendered.Of("80", output => left = TextTable.Write(output, content));

        Assert.All(rendered.Lines, line => Assert.True(line.Length <= 80, line));
        Assert.All(name.Split(' '), word => Assert.Contains(word, rendered.Tokens));
        Assert.DoesNotContain("intersection", left);
        Assert.DoesNotContain("class", left);
    }

    [Theory]
    [InlineData("top")]
    [InlineData("near")]
    [InlineData("intersection")]
    [InlineData("backtest")]
    public void A_pipe_gets_plain_aligned_text_and_a_json_hint_on_stderr(string table)
    {
        var rendered = Render(table, "pipe");

        Assert.DoesNotContain(rendered.Text, c => c is >= '\u2500' and <= '\u257F');
        Assert.All(rendered.Lines, line => Assert.Equal(line.TrimEnd(), line));
        Assert.Contains("--json", rendered.Hints);
        Assert.Single(rendered.Hints.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // Every column is there, whatever the width of the content.
        var header = rendered.Lines[0];
        Assert.All(Content(table).Columns, c => Assert.Contains(c.Header, header));
    }

    [Fact]
    public void A_terminal_gets_no_json_hint()
    {
        var rendered = Render("top", "80");

        Assert.Empty(rendered.Hints);
        Assert.Contains(rendered.Lines, line => line.StartsWith("not shown at 80 columns:", StringComparison.Ordinal));
    }

    private static TableContent Content(string table) => table switch
    {
        "top" => IntersectionTable.Content(SampleRows.Snapshots()),
        "near" => IntersectionTable.Content(SampleRows.Snapshots(), SampleRows.Distances(SampleRows.Names.Count)),
        "intersection" => IntersectionTable.Content(SampleRows.Snapshots([SampleRows.Names[0]])),
        "backtest" => BacktestTable.Content(SampleRows.Backtest()),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    private static Rendered Render(string table, string mode) => Rendered.Of(mode, output =>
    {
        switch (table)
        {
            case "top":
                IntersectionTable.Write(output, SampleRows.Snapshots());
                break;
            case "near":
                IntersectionTable.Write(output, SampleRows.Snapshots(), SampleRows.Distances(SampleRows.Names.Count));
                break;
            case "intersection":
                IntersectionTable.Write(output, SampleRows.Snapshots([SampleRows.Names[0]]));
                break;
            default:
                BacktestTable.Write(output, SampleRows.Backtest());
                break;
        }
    });
}
