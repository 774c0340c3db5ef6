using System.Diagnostics;
using System.Text;

namespace VisionZero.TestSupport;

/// <summary>A silo process on loopback, started and stopped as an operator would.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyText;

    private SiloProcess(IEnumerable<string> args, string readyText)
    {
        _readyText = readyText;
        _process = new Process { StartInfo = Built.Dotnet(Built.Silo, args), EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Observe(e.Data);
        _process.ErrorDataReceived += (_, e) => Observe(e.Data);
        _process.Exited += (_, _) =>
        {
            // The exit can be seen before the last lines are read: wait for both streams to end first.
            _process.WaitForExit();
            _ready.TrySetException(new InvalidOperationException("silo exited:\n" + Log));
        };
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<SiloProcess> StartAsync(
        int siloPort,
        int gatewayPort,
        string? postgres,
        string readyText = "silo up",
        params string[] extraArgs)
    {
        LoopbackPorts.RequireFixed(siloPort, gatewayPort, HttpPort(siloPort));
        var args = new List<string> { "--silo-port", siloPort.ToString(), "--gateway-port", gatewayPort.ToString(),
            "--urls", $"http://127.0.0.1:{HttpPort(siloPort)}", "--Logging:LogLevel:Default", "Warning" };
        if (postgres is not null)
            // These tests compare grid answers across restarts: a first model trained in the background
            // would change them mid-test. Training is tested in Risk.Tests.
            args.AddRange(["--postgres", postgres, "--Jobs:TrainFirstModel", "false"]);
        args.AddRange(extraArgs);
        var silo = new SiloProcess(args, readyText);
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo._ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            // Not left running to hold its ports against the next test.
            await silo.DisposeAsync();
            throw new TimeoutException($"the silo did not say '{readyText}' within 2 minutes; its log:\n{silo.Log}");
        }
        return silo;
    }

    /// <summary>Each test silo serves HTTP on its silo port - 10,000: distinct per silo.</summary>
    public static int HttpPort(int siloPort) => siloPort - 10_000;

    private void Observe(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
        if (line.Contains(_readyText, StringComparison.Ordinal))
            _ready.TrySetResult();
    }

    /// <summary>SIGTERM, as systemd or Kubernetes would: the silo leaves the cluster cleanly.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        await TerminateAsync();
        await WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends SIGTERM and returns at once: the silo drains and exits on its own time.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The silo's process id (Hangfire names its servers by it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>SIGKILL, as a crash or the OOM killer would: no goodbye to anyone.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits for the process to end (throws past the timeout) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
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
