namespace VisionZero.Client.Output;

/// <summary>What a <see cref="TextTable"/> shows: its columns and, per row, one plain-text cell per column.</summary>
public sealed record TableContent(IReadOnlyList<TextColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Columns and cells from one list, so a cell can never land under another column's header.</summary>
    public static TableContent From<T>(
        IReadOnlyList<T> items, IEnumerable<(TextColumn Column, Func<T, int, string> Cell)> fields)
    {
        var list = fields.ToList();
        var rows = items.Select((item, i) => (IReadOnlyList<string>)[.. list.Select(f => f.Cell(item, i))]).ToList();
        return new TableContent([.. list.Select(f => f.Column)], rows);
    }
}
