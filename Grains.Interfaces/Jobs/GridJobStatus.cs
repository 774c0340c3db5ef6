namespace VisionZero.Jobs;

/// <summary>
/// Where a background job stands: State is Hangfire's (Enqueued, Processing, Succeeded, Failed,
/// Deleted ...); Version is the model version a training or tuning job registered; Error why it failed;
/// Result what an ingest or replay job reported when it succeeded.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.ModelJobStatus")] // the wire name predates the rename: kept
public sealed record GridJobStatus(
    [property: Id(0)] string JobId,
    [property: Id(1)] string State,
    [property: Id(2)] int? Version,
    [property: Id(3)] string? Error,
    [property: Id(4)] string? Result = null)
{
    public bool Finished => State is "Succeeded" or "Failed" or "Deleted";
}
