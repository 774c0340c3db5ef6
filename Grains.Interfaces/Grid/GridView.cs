namespace VisionZero.Grid;

/// <summary>
/// The as-of day queries default to, and the grid's change generation: it moves whenever an ingest
/// has rewritten corners, so anything cached under one generation is known stale under another.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.GridView")]
public sealed record GridView([property: Id(0)] DateOnly? AsOf, [property: Id(1)] long Generation);
