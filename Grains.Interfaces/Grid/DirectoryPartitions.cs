namespace VisionZero.Grid;

/// <summary>Fixed partitioning of the directory. Changing Count needs a rebuild of the directory.</summary>
public static class DirectoryPartitions
{
    public const int Count = 32;

    /// <summary>A stable hash (string.GetHashCode is randomised per process).</summary>
    public static int Of(string intersectionId)
    {
        uint hash = 2166136261;
        foreach (var c in intersectionId)
            hash = (hash ^ c) * 16777619;
        return (int)(hash % Count);
    }
}
