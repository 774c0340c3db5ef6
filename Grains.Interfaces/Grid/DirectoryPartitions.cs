namespace VisionZero.Grid;

/// <summary>Fixed partitioning of the directory. Changing Count needs a rebuild of the directory.</summary>
public static class DirectoryPartitions
{
    public const int Count = 32;

    public static int Of(string intersectionId) => (int)(IntersectionHash.Of(intersectionId) % Count);
}
