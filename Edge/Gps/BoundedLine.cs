namespace VisionZero.Edge.Gps;

/// <summary>One line from a <see cref="BoundedLineReader"/>; an over-long line keeps none of its text.</summary>
internal readonly record struct BoundedLine(string Text, bool IsTooLong)
{
    public static BoundedLine TooLong { get; } = new("", true);
}
