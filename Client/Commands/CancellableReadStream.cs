namespace VisionZero.Client.Commands;

/// <summary>
/// A file read whose reads give up when vz is stopped: a read from a pipe or a stalled mount blocks
/// without looking at its token, and would hold the ingest (and its abandoned run) until data came.
/// </summary>
internal sealed class CancellableReadStream(FileStream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompleted ? read.Result : await read.AsTask().WaitAsync(cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // A read still blocked on a pipe keeps the file open until it returns.
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
