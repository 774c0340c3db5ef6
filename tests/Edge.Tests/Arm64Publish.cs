using System.Diagnostics;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// vz-edge's linux-arm64 publish (deploy/local/test.sh makes it) and qemu's user-mode emulator that runs it on
/// this x64 machine. Anything missing fails the test with the command that provides it: never a silent skip.
/// </summary>
internal static class Arm64Publish
{
    public const string PublishCommand =
        "dotnet publish Edge -c Release -r linux-arm64 --self-contained -o artifacts/edge-arm64";

    public const string EmulationCommand = "bash deploy/local/arm64-emulation.sh (as root)";

    /// <summary>Where the arm64 libc, libstdc++ and OpenSSL live; qemu resolves the program's libraries here.</summary>
    public const string Sysroot = "/usr/aarch64-linux-gnu";

    private const string Qemu = "qemu-aarch64-static";

    /// <summary>The libraries an arm64 vz-edge loads from the system, and the Debian package that has each.</summary>
    private static readonly (string File, string Source)[] SystemLibraries =
    [
        ("ld-linux-aarch64.so.1", "libc6-arm64-cross"), ("libc.so.6", "libc6-arm64-cross"),
        ("libstdc++.so.6", "libstdc++6-arm64-cross"), ("libgcc_s.so.1", "libgcc-s1-arm64-cross"),
        ("libssl.so.3", "libssl3:arm64, unpacked"), ("libcrypto.so.3", "libssl3:arm64, unpacked"),
    ];

    public static string Folder => Path.Combine(SharedData.RepositoryRoot, "artifacts", "edge-arm64");

    public static string AppHost => Path.Combine(Folder, "vz-edge");

    /// <summary>The publish folder, or a failure saying how to make it.</summary>
    public static string RequireOutput()
    {
        if (!File.Exists(AppHost) || !File.Exists(Path.Combine(Folder, "vz-edge.deps.json")))
            Assert.Fail($"no linux-arm64 publish of vz-edge in {Folder}: run `{PublishCommand}` " +
                "(deploy/local/test.sh does)");
        return Folder;
    }

    /// <summary>The emulator's path, or a failure naming everything missing and what installs it.</summary>
    public static string RequireEmulator()
    {
        var qemu = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(folder => Path.Combine(folder, Qemu)).FirstOrDefault(File.Exists);
        var missing = SystemLibraries.Where(l => !File.Exists(Path.Combine(Sysroot, "lib", l.File)))
            .Select(l => $"{Sysroot}/lib/{l.File} ({l.Source})").ToList();
        if (qemu is null)
            missing.Insert(0, $"{Qemu} (qemu-user-static)");
        if (missing.Count > 0)
            Assert.Fail("cannot run the linux-arm64 vz-edge under emulation; missing " + string.Join(", ", missing) +
                $": run {EmulationCommand}");
        return qemu!;
    }

    /// <summary>The published arm64 vz-edge with these arguments, under qemu.</summary>
    public static ProcessStartInfo Emulated(string qemu, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(qemu);
        foreach (var arg in (string[])["-L", Sysroot, AppHost, .. args])
            info.ArgumentList.Add(arg);
        // The runtime's write-xor-execute double mapping of JIT code fails under qemu's user mode.
        info.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        info.Environment.Remove("VZ_POSTGRES");
        info.Environment.Remove("VZ_EDGE_DATA");
        return info;
    }

    /// <summary>The x64 build of the same source (framework-dependent, as the other tests run it).</summary>
    public static ProcessStartInfo Native(IEnumerable<string> args)
    {
        var info = Built.Dotnet(Built.Edge, args);
        info.Environment.Remove("VZ_EDGE_DATA");
        return info;
    }
}
