namespace VisionZero.Grains;

/// <summary>The grain storage providers of the grid.</summary>
public static class GridStorage
{
    /// <summary>Orleans' ADO.NET provider on PostgreSQL: the clock, directory partitions and spatial cells.</summary>
    public const string Name = "grid";

    /// <summary>The batching provider for the (many) intersection grains.</summary>
    public const string Intersections = "intersections";
}
