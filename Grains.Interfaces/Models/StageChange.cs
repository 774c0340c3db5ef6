namespace VisionZero.Models;

/// <summary>One line of the registry's append-only history. From is null when the version was registered.</summary>
[GenerateSerializer, Immutable, Alias("vz.StageChange")]
public sealed record StageChange(
    [property: Id(0)] int Version,
    [property: Id(1)] ModelStage? From,
    [property: Id(2)] ModelStage To,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Why);
