using System.Diagnostics;
using System.Text;

namespace VisionZero.Cluster.Tests;

/// <summary>A running vz process: signalled like an operator's shell would, its streams kept as they come.</summary>
internal sealed class VzProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private VzProcess(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
    }

    public string Out { get { lock (_out) return _out.ToString(); } }

    public string Err { get { lock (_err) return _err.ToString(); } }

    public bool HasExited => _process.HasExited;

    public static VzProcess Start(ProcessStartInfo info)
    {
        var vz = new VzProcess(info);
        vz._process.Start();
        vz._process.BeginOutputReadLine();
        vz._process.BeginErrorReadLine();
        return vz;
    }

    /// <summary>Sends a signal by name (TERM, INT) through kill(1), as a shell would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for vz to end and both its streams to close; throws past the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"vz still running after {timeout.TotalSeconds:F0} s; stdout:\n{Out}\nstderr:\n{Err}");
        }
        return _process.ExitCode;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
