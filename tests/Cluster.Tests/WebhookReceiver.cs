using System.Collections.Concurrent;
using System.Net;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A webhook receiver on loopback: /hook/ answers 500 to the very first request and 200 after, so the sender's
/// retry shows; /held/ answers nothing until <see cref="Release"/>, so a receiver that hangs can be simulated.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hookRequests;

    public WebhookReceiver(int port)
    {
        Address = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Address { get; }

    /// <summary>Every request to /hook/ in arrival order, answered or not.</summary>
    public ConcurrentQueue<Received> Hook { get; } = new();

    public ConcurrentQueue<Received> Held { get; } = new();

    public void Release() => _release.TrySetResult();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var received = new Received(
            context.Request.Headers["X-VZ-Signature"], context.Request.Headers["X-VZ-Delivery"],
            context.Request.Headers["X-VZ-Event"], context.Request.ContentType, body.ToArray());
        if (context.Request.Url!.AbsolutePath.StartsWith("/held/", StringComparison.Ordinal))
        {
            Held.Enqueue(received);
            await _release.Task;
        }
        else
        {
            var first = Interlocked.Increment(ref _hookRequests) == 1;
            Hook.Enqueue(received with { Refused = first });
            context.Response.StatusCode = first ? 500 : 200;
        }
        context.Response.Close();
    }

    public void Dispose()
    {
        Release();
        _listener.Close();
    }

    internal sealed record Received(
        string? Signature, string? Delivery, string? Event, string? ContentType, byte[] Body, bool Refused = false);
}
