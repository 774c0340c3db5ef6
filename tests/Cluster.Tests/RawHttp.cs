using System.Net.Sockets;
using System.Text;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a fresh loopback connection, so the request line, headers
/// and body can hold what HttpClient would refuse or re-encode. Returns the status code (0: no answer).
/// </summary>
internal static class RawHttp
{
    public static async Task<int> SendAsync(int port, string method, string target, IEnumerable<string> headers,
        byte[]? body = null, string from = "127.0.0.1") =>
        (await ExchangeAsync(port, method, target, headers, body, from, wholeAnswer: false)).Status;

    /// <summary>
    /// The status and, when <paramref name="wholeAnswer"/>, the whole answer as text (head and body).
    /// </summary>
    public static async Task<(int Status, string Text)> ExchangeAsync(int port, string method, string target,
        IEnumerable<string> headers, byte[]? body = null, string from = "127.0.0.1", bool wholeAnswer = true)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(from), 0));
        await socket.ConnectAsync("127.0.0.1", port);
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
        foreach (var header in headers)
            head.Append(header).Append("\r\n");
        if (body is not null)
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        head.Append("\r\n");
        // Latin-1: each char is one byte, so a test can put any byte (invalid UTF-8 too) into the head.
        var bytes = Encoding.Latin1.GetBytes(head.ToString());
        try
        {
            await socket.SendAsync(body is null ? bytes : [.. bytes, .. body]);
        }
        catch (SocketException)
        {
            // The server may answer and close before reading everything (413, 431): its answer is still read below.
        }
        var buffer = new byte[wholeAnswer ? 256 * 1024 : 64];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int n;
            while ((wholeAnswer ? read < buffer.Length : read < 12)
                   && (n = await socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token)) > 0)
                read += n;
        }
        catch (SocketException)
        {
            return (0, "");
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && text.Length >= 12
                     && int.TryParse(text.AsSpan(9, 3), out var code) ? code : 0;
        return (status, text);
    }
}
