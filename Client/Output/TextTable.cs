using Spectre.Console;
using Spectre.Console.Rendering;

namespace VisionZero.Client.Output;

/// <summary>
/// Draws a <see cref="TableContent"/> without ever breaking a word. In a terminal, columns keep their natural
/// widths: when they do not all fit, the lowest-priority ones are left out, and only then does the name column
/// wrap, between words. In plain text every column is shown at its natural width, two spaces apart.
/// A title goes above the table: centred in a terminal, as a line of its own in plain text.
/// </summary>
public static class TextTable
{
    private const int Gap = 2;
    private const int Unbounded = 100_000;

    /// <returns>The headers of the columns left out to fit the terminal (none in plain text).</returns>
    public static IReadOnlyList<string> Write(CliOutput output, TableContent content, string? title = null)
    {
        var all = Enumerable.Range(0, content.Columns.Count).ToList();
        if (output.Plain)
        {
            WritePlain(output, content, all, title);
            return [];
        }
        var options = RenderOptions.Create(output.Console);
        var shown = all;
        var table = Build(content, shown, plain: false, wrapWidth: null);
        while (WidthOf(table, options) > output.Width && LeastNeeded(content, shown) is { } drop)
        {
            shown = [.. shown.Where(i => i != drop)];
            table = Build(content, shown, plain: false, wrapWidth: null);
        }
        var excess = WidthOf(table, options) - output.Width;
        if (excess > 0 && shown.Any(i => content.Columns[i].Wraps))
        {
            var wrap = shown.First(i => content.Columns[i].Wraps);
            var cells = Cells(content, wrap).ToList();
            var natural = cells.Max(c => WidthOf(new Text(c), options));
            var longestWord = cells.SelectMany(c => c.Split(' ')).Max(w => WidthOf(new Text(w), options));
            table = Build(content, shown, plain: false, wrapWidth: (wrap, Math.Max(longestWord, natural - excess)));
        }
        if (title is not null)
            table.Title(Markup.Escape(title));
        output.Console.Write(table);
        return [.. all.Except(shown).Select(i => content.Columns[i].Header)];
    }

    private static void WritePlain(CliOutput output, TableContent content, IReadOnlyList<int> shown, string? title)
    {
        var table = Build(content, shown, plain: true, wrapWidth: null);
        // Drawn into a scratch console as wide as the content, so nothing wraps; trailing padding is trimmed.
        using var text = new StringWriter();
        var scratch = CliOutput.Uncoloured(text);
        scratch.Profile.Width = Math.Max(1, WidthOf(table, RenderOptions.Create(scratch)));
        scratch.Write(table);
        var writer = output.Console.Profile.Out.Writer;
        // Not drawn by the table: a title wider than the columns would be wrapped, maybe mid-word.
        if (title is not null)
            writer.WriteLine(title);
        foreach (var line in text.ToString().Split('\n'))
        {
            if (line.TrimEnd().Length > 0)
                writer.WriteLine(line.TrimEnd());
        }
        output.HintJson();
    }

    private static Table Build(
        TableContent content, IReadOnlyList<int> shown, bool plain, (int Column, int Width)? wrapWidth)
    {
        var table = new Table().Border(plain ? TableBorder.None : TableBorder.Square);
        for (var position = 0; position < shown.Count; position++)
        {
            var index = shown[position];
            var spec = content.Columns[index];
            var column = new TableColumn(new Text(spec.Header))
            {
                Alignment = spec.AlignRight ? Justify.Right : Justify.Left,
                NoWrap = !spec.Wraps,
            };
            if (wrapWidth is { } wrap && wrap.Column == index)
                column.Width = wrap.Width;
            if (plain)
                column.Padding = new Padding(0, 0, position == shown.Count - 1 ? 0 : Gap, 0);
            table.AddColumn(column);
        }
        foreach (var row in content.Rows)
            table.AddRow(shown.Select(i => (IRenderable)new Text(row[i])));
        return table;
    }

    private static IEnumerable<string> Cells(TableContent content, int column) =>
        content.Rows.Select(r => r[column]).Prepend(content.Columns[column].Header);

    private static int? LeastNeeded(TableContent content, IReadOnlyList<int> shown) =>
        shown.Where(i => content.Columns[i].DropOrder != TextColumn.Kept)
            .Select(i => (int?)i)
            .MinBy(i => content.Columns[i!.Value].DropOrder);

    private static int WidthOf(IRenderable renderable, RenderOptions options) =>
        renderable.Measure(options, Unbounded).Max;
}
