namespace VisionZero.CrashData;

/// <summary>A stream of rows from one export. Progress is reported in bytes of the (decompressed) input.</summary>
public interface ICrashRowSource : IDisposable
{
    CrashSchema Schema { get; }

    IAsyncEnumerable<CrashRow> ReadAsync(CancellationToken cancellationToken = default);
}
