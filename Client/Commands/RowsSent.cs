namespace VisionZero.Client.Commands;

/// <summary>The latest count of rows an ingest has sent, as its progress reports it.</summary>
internal sealed class RowsSent(Action<long>? onReport = null) : IProgress<long>
{
    private long _rows;

    public long Rows => Interlocked.Read(ref _rows);

    public void Report(long value)
    {
        Interlocked.Exchange(ref _rows, value);
        onReport?.Invoke(value);
    }
}
