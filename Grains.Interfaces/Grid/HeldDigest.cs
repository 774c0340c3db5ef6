namespace VisionZero.Grid;

/// <summary>A corner a client holds, with the digest of the crashes it holds for it (null: none yet).</summary>
[GenerateSerializer, Immutable, Alias("vz.HeldDigest")]
public sealed record HeldDigest([property: Id(0)] string Id, [property: Id(1)] string? Digest);
