namespace VisionZero.Models;

/// <summary>
/// The version numbers the silos should serve (0: none): what each silo's watcher asks for every poll, so the full
/// <see cref="ServingVersions"/> crosses the wire only when one of them changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.ServingStamp")]
public sealed record ServingStamp(
    [property: Id(0)] int Production,
    [property: Id(1)] int Canary,
    [property: Id(2)] int Staging)
{
    public static ServingStamp Of(ServingVersions serving) => new(
        serving.Production?.Version ?? 0,
        serving.Canary is { } canary && canary.Version != serving.Production?.Version ? canary.Version : 0,
        serving.Staging?.Version ?? 0);
}
