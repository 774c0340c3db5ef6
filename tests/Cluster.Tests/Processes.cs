using System.Diagnostics;

namespace VisionZero.Cluster.Tests;

/// <summary>vz run as a process: exit code and both streams.</summary>
internal static class Vz
{
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(params string[] args)
    {
        using var process = Process.Start(Built.Dotnet(Built.Vz, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts vz and returns at once, for a test that signals it or kills what it talks to. It starts with
    /// SIGINT at its default, as a terminal's foreground job has it: a test run launched in the background
    /// inherits SIGINT ignored, and vz, like any program, then rightly ignores Ctrl-C.
    /// </summary>
    public static VzProcess Start(params string[] args)
    {
        var info = Built.Dotnet(Built.Vz, args);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, "--default-signal=INT");
        info.FileName = "env"; // GNU coreutils' env execs dotnet in its place: the pid signalled is vz's
        return VzProcess.Start(info);
    }
}
