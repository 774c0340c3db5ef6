namespace VisionZero.Grid;

/// <summary>
/// FNV-1a of a corner id: the same on every process and machine (string.GetHashCode is randomised
/// per process). Directory partitions are stored by it, so it never changes.
/// </summary>
public static class IntersectionHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
