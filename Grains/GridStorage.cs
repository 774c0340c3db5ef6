namespace VisionZero.Grains;

/// <summary>The grain storage provider every grid grain persists to (PostgreSQL or memory).</summary>
public static class GridStorage
{
    public const string Name = "grid";
}
