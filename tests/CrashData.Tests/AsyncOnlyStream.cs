namespace VisionZero.CrashData.Tests;

/// <summary>
/// Bytes served like an HTTP request body: a few at a time, and a blocking read throws, as Kestrel's
/// does unless synchronous IO is switched on.
/// </summary>
internal sealed class AsyncOnlyStream(byte[] content, int chunkBytes = 1_000) : Stream
{
    private int _at;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var n = Math.Min(Math.Min(buffer.Length, chunkBytes), content.Length - _at);
        content.AsMemory(_at, n).CopyTo(buffer);
        _at += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
