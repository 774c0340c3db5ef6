using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>A crash with coordinates but no usable cross street, waiting to be attributed to a corner.</summary>
internal readonly record struct CoordinateOnlyCrash(CrashEntry Entry, string? Borough);
