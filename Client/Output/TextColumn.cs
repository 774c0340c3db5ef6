namespace VisionZero.Client.Output;

/// <summary>
/// One column of a <see cref="TextTable"/>. In a terminal too narrow for every column, columns are left out lowest
/// <paramref name="DropOrder"/> first; <see cref="Kept"/> ones never are. Only a <paramref name="Wraps"/> column
/// may take more than one line for a cell, and then only between words.
/// </summary>
public sealed record TextColumn(string Header, bool AlignRight, int DropOrder, bool Wraps = false)
{
    public const int Kept = int.MaxValue;

    /// <summary>The column that names the row: it gets its full width first and is never left out.</summary>
    public static TextColumn Name(string header) => new(header, false, Kept, Wraps: true);

    public static TextColumn Label(string header, int dropOrder = Kept) => new(header, false, dropOrder);

    public static TextColumn Number(string header, int dropOrder = Kept) => new(header, true, dropOrder);
}
