using VisionZero.Client.Output;
using VisionZero.Uplink;

namespace VisionZero.Client.Tests;

/// <summary>
/// vz edge devices and vz edge log at 80 and 120 columns and in a pipe: no line wider than the terminal, no word
/// split, the device and the class always shown, and plain aligned text with every column in a pipe.
/// </summary>
[Trait("Category", "Fast")]
public sealed class EdgeTableLayoutTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var table in new[] { "devices", "log" })
        foreach (var mode in new[] { "80", "120", "pipe" })
            cases.Add(table, mode);
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Every_line_fits_and_every_shown_word_is_whole(string table, string mode)
    {
        var content = Content(table);
        IReadOnlyList<string> left = [];
        var rendered = Rendered.Of(mode, output => left = TextTable.Write(output, content));

        if (rendered.Width is { } width)
            Assert.All(rendered.Lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        var shown = Enumerable.Range(0, content.Columns.Count)
            .Where(i => !left.Contains(content.Columns[i].Header)).ToList();
        var expected = shown.SelectMany(i => content.Rows.Select(r => r[i]).Prepend(content.Columns[i].Header))
            .SelectMany(Rendered.Words).ToHashSet();
        Assert.All(rendered.Tokens, token => Assert.Contains(token, expected));
        Assert.All(expected, word => Assert.Contains(word, rendered.Tokens));
    }

    [Theory]
    [InlineData("80")]
    [InlineData("120")]
    [InlineData("pipe")]
    public void Each_device_id_and_when_it_was_last_seen_are_shown(string mode)
    {
        var rendered = Rendered.Of(mode, output => EdgeDeviceTable.Write(output, UplinkSampleRows.Devices()));

        Assert.All(UplinkSampleRows.Devices(), d => Assert.Contains(rendered.Lines, line =>
            line.Contains(d.DeviceId, StringComparison.Ordinal)
            && line.Contains(EdgeDeviceTable.Time(d.LastSeen), StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("80")]
    [InlineData("120")]
    public void Each_entry_keeps_its_number_and_class(string mode)
    {
        var device = UplinkSampleRows.Devices()[0];
        var rendered = Rendered.Of(mode, output => EdgeLogTable.Write(output, device, [.. UplinkSampleRows.Entries()]));

        Assert.All(UplinkSampleRows.Entries(), e => Assert.Contains(rendered.Lines, line =>
            line.Contains(e.Seq.ToString(), StringComparison.Ordinal)));
        Assert.Contains(rendered.Lines, line => line.Contains("Somewhat Dangerous", StringComparison.Ordinal));
        Assert.Contains(rendered.Lines, line => line.StartsWith($"device {device.DeviceId}: 1,234,567 entries",
            StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("devices")]
    [InlineData("log")]
    public void A_pipe_gets_every_column_as_plain_text_and_a_json_hint(string table)
    {
        var content = Content(table);
        var rendered = Rendered.Of("pipe", output => TextTable.Write(output, content));

        Assert.DoesNotContain(rendered.Text, c => c is >= '\u2500' and <= '\u257F');
        Assert.All(content.Columns, c => Assert.Contains(c.Header, rendered.Lines[0]));
        Assert.Contains("--json", rendered.Hints);
    }

    [Fact]
    public void No_devices_says_so()
    {
        var rendered = Rendered.Of("80", output => EdgeDeviceTable.Write(output, []));
        Assert.Equal("No edge device has uploaded yet.", Assert.Single(rendered.Lines));
    }

    private static TableContent Content(string table) => table == "devices"
        ? EdgeDeviceTable.Content(UplinkSampleRows.Devices())
        : EdgeLogTable.Content(UplinkSampleRows.Entries());
}
