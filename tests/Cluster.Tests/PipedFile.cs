using System.Diagnostics;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A named pipe vz ingests as if it were a file, fed by the test: as fast as vz reads, or part of it and
/// then nothing, so the test knows vz is mid-ingest. A written chunk has been read by vz but for what
/// the pipe buffers (64 KiB on Linux).
/// </summary>
internal sealed class PipedFile : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly Task<FileStream> _writer;

    private PipedFile(string path)
    {
        Path = path;
        // Opening a pipe for writing waits for its reader: vz, once started.
        _writer = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 1 << 16));
    }

    public string Path { get; }

    public static async Task<PipedFile> CreateAsync(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
        return new PipedFile(path);
    }

    /// <summary>Writes the bytes and returns once the pipe has taken them.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        var writer = await _writer.WaitAsync(Timeout);
        await writer.WriteAsync(bytes).AsTask().WaitAsync(Timeout);
        await writer.FlushAsync().WaitAsync(Timeout);
    }

    /// <summary>Writes the bytes in chunks until they are all written or the reader has gone.</summary>
    public async Task PumpAsync(ReadOnlyMemory<byte> bytes, Action<long> written)
    {
        const int chunk = 1 << 16;
        try
        {
            for (var at = 0; at < bytes.Length; at += chunk)
            {
                await WriteAsync(bytes.Slice(at, Math.Min(chunk, bytes.Length - at)));
                written(at + chunk);
            }
        }
        catch (IOException)
        {
            // vz stopped reading (it exited): what the test waits for.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer.IsCompletedSuccessfully)
        {
            try
            {
                await _writer.Result.DisposeAsync();
            }
            catch (IOException)
            {
                // The reader is gone: nothing left to flush to.
            }
        }
        File.Delete(Path);
    }
}
