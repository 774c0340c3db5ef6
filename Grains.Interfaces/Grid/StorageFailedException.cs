namespace VisionZero.Grid;

/// <summary>
/// PostgreSQL failed under a grain call. Npgsql's own exceptions cannot cross the wire to a client
/// (Orleans has no codec for them; the caller would see a codec error instead), so the silo sends this,
/// with PostgreSQL's message.
/// </summary>
[GenerateSerializer, Alias("vz.StorageFailedException")]
public sealed class StorageFailedException : Exception
{
    public StorageFailedException()
    {
    }

    public StorageFailedException(string message) : base(message)
    {
    }

    public StorageFailedException(string message, Exception inner) : base(message, inner)
    {
    }
}
