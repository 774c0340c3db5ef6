namespace VisionZero.CrashData;

/// <summary>
/// A read-only stream that can look at its first bytes without consuming them, so format detection
/// works on streams that cannot seek (gzip, HTTP request bodies).
/// </summary>
internal sealed class PeekableStream(Stream inner) : Stream
{
    private byte[] _prefix = [];
    private int _prefixAt;

    private int Held => _prefix.Length - _prefixAt;

    /// <summary>
    /// Returns up to <paramref name="count"/> leading bytes, which are read again afterwards; without blocking,
    /// as request bodies refuse synchronous reads.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> PeekAsync(int count, CancellationToken cancellationToken)
    {
        if (Held < count)
        {
            var buffer = Grow(count);
            var read = await inner.ReadAtLeastAsync(
                buffer.AsMemory(Held), count - Held, throwOnEndOfStream: false, cancellationToken);
            Keep(buffer, Held + read);
        }
        return Head(count);
    }

    /// <summary>A buffer of <paramref name="count"/> bytes starting with the bytes held but not yet read.</summary>
    private byte[] Grow(int count)
    {
        var buffer = new byte[count];
        _prefix.AsSpan(_prefixAt).CopyTo(buffer);
        return buffer;
    }

    private void Keep(byte[] buffer, int length)
    {
        _prefix = buffer[..length];
        _prefixAt = 0;
    }

    private ReadOnlyMemory<byte> Head(int count) => _prefix.AsMemory(_prefixAt, Math.Min(count, Held));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixAt < _prefix.Length)
        {
            var n = Math.Min(buffer.Length, _prefix.Length - _prefixAt);
            _prefix.AsSpan(_prefixAt, n).CopyTo(buffer);
            _prefixAt += n;
            return n;
        }
        return inner.Read(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefixAt < _prefix.Length)
            return Read(buffer.Span);
        return await inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
