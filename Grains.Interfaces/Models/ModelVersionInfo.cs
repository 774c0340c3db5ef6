namespace VisionZero.Models;

/// <summary>A registered model version (the artifact itself is fetched separately, by version).</summary>
[GenerateSerializer, Immutable, Alias("vz.ModelVersionInfo")]
public sealed record ModelVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] ModelStage Stage,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string Sha256,
    [property: Id(4)] long SizeBytes,
    [property: Id(5)] ModelDraft Details);
