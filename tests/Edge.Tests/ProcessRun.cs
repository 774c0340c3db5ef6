using System.Diagnostics;
using System.Text;

namespace VisionZero.Edge.Tests;

/// <summary>A process run to its end: its exit code, its standard output as bytes, its standard error.</summary>
internal sealed record ProcessRun(int ExitCode, byte[] Output, string Error, TimeSpan Elapsed)
{
    public string Text => Encoding.UTF8.GetString(Output);

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs <paramref name="info"/> with its streams read here; kills it past the timeout.</summary>
    public static async Task<ProcessRun> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} not started");
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} still running " +
                $"after {timeout.TotalSeconds:F0} s; stderr:\n{await error}");
        }
        await reading;
        return new ProcessRun(process.ExitCode, output.ToArray(), await error, clock.Elapsed);
    }

    /// <summary>Fails naming the command and its standard error unless it exited 0.</summary>
    public ProcessRun Succeeded(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited {ExitCode}; stderr:\n{Error}");
        return this;
    }
}
