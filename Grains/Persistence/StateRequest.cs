namespace VisionZero.Grains.Persistence;

/// <summary>One grain's read or write, queued until the next batch goes to PostgreSQL.</summary>
internal abstract record StateRequest(string StateName, string GrainKey)
{
    public abstract void Fail(Exception error);
}

internal sealed record StateRead(string StateName, string GrainKey) : StateRequest(StateName, GrainKey)
{
    public TaskCompletionSource<(int Version, byte[]? Payload)> Result { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error) => Result.TrySetException(error);
}

/// <summary>
/// ExpectedVersion 0 means "no row yet"; the write succeeds only if the stored version still matches.
/// </summary>
internal sealed record StateWrite(string StateName, string GrainKey, int ExpectedVersion, byte[] Payload)
    : StateRequest(StateName, GrainKey)
{
    public TaskCompletionSource<int?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error) => Result.TrySetException(error);
}
