using VisionZero.Grid;

namespace VisionZero.Grains.Catalog;

/// <summary>Persisted members of a directory partition or spatial cell, by intersection id.</summary>
[GenerateSerializer, Alias("vz.PlacementSetState")]
public sealed class PlacementSetState
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)] public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    [Id(1)] public Dictionary<string, IntersectionPlacement> Members { get; set; } = new(StringComparer.Ordinal);
}
