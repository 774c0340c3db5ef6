namespace VisionZero.CrashData;

/// <summary>A row that could not be accepted: kept with its reason and raw text for the quarantine.</summary>
[GenerateSerializer, Immutable, Alias("vz.RejectedRow")]
public sealed record RejectedRow(
    [property: Id(0)] long LineNumber,
    [property: Id(1)] string Reason,
    [property: Id(2)] string Detail,
    [property: Id(3)] string RawRow);
