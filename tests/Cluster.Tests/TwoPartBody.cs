using System.Net;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A request body of unknown length (sent chunked) in two parts: the second goes out only once
/// <c>gate</c> completes, so a test can act while the upload is still in flight.
/// </summary>
internal sealed class TwoPartBody(byte[] first, Task gate, byte[] second) : HttpContent
{
    private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstSent => _firstSent.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(first);
        await stream.FlushAsync();
        _firstSent.TrySetResult();
        await gate;
        await stream.WriteAsync(second);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
