using System.Reflection.PortableExecutable;
using System.Text.Json;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The linux-arm64 publish a Pi gets (artifacts/edge-arm64): an AArch64 program with its own .NET runtime, every
/// native library built for AArch64 (SQLite's among them, none that exists for x64 only), and nothing of the
/// silo, as <see cref="EdgeClosureTests"/> requires of the x64 build.
/// </summary>
public sealed class Arm64PublishTests
{
    // A PE image's machine for ReadyToRun code compiled for Linux is the CPU's value xor this.
    private const ushort LinuxReadyToRun = 0x7B79;

    // IL only (I386, as any-CPU assemblies are marked), built for arm64, or ReadyToRun for Linux arm64.
    private static readonly HashSet<ushort> Arm64Machines =
        [(ushort)Machine.I386, (ushort)Machine.Arm64, (ushort)((ushort)Machine.Arm64 ^ LinuxReadyToRun)];

    private readonly string _folder = Arm64Publish.RequireOutput();

    [Fact]
    public void Vz_edge_is_an_aarch64_program_with_its_own_runtime()
    {
        AssertAArch64(Arm64Publish.AppHost);
        AssertAArch64(Path.Combine(_folder, "libcoreclr.so"));
        AssertAArch64(Path.Combine(_folder, "libclrjit.so"));
        Assert.True(File.Exists(Path.Combine(_folder, "System.Private.CoreLib.dll")), "no System.Private.CoreLib");
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "vz-edge.runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions");
        Assert.True(options.TryGetProperty("includedFrameworks", out _), "runtimeconfig names no included framework");
        Assert.False(options.TryGetProperty("framework", out _), "the publish asks for an installed .NET");
        Assert.True(options.GetProperty("configProperties").GetProperty("System.Globalization.Invariant").GetBoolean(),
            "the publish needs ICU, which a Pi image may lack");
    }

    [Fact]
    public void Every_native_library_is_aarch64_sqlite_included()
    {
        AssertAArch64(Path.Combine(_folder, "libe_sqlite3.so"));
        var elf = Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories)
            .Select(path => (Path: Path.GetRelativePath(_folder, path), Header: ElfHeader.Read(path)))
            .Where(f => f.Header is not null).ToList();
        var foreign = elf.Where(f => !f.Header!.IsAArch64).Select(f => $"{f.Path} (e_machine {f.Header!.Machine})");
        Assert.Empty(foreign);
        Assert.False(Directory.Exists(Path.Combine(_folder, "runtimes")), "natives for other platforms in runtimes/");
        var x64Only = X64OnlyNatives().Where(name => File.Exists(Path.Combine(_folder, name))).ToList();
        Assert.True(x64Only.Count == 0, "natives that exist for x64 only: " + string.Join(", ", x64Only));
    }

    [Fact]
    public void Every_assembly_is_managed_and_any_precompiled_code_is_for_arm64()
    {
        var wrong = new List<string>();
        foreach (var path in Directory.EnumerateFiles(_folder, "*.dll", SearchOption.AllDirectories))
        {
            using var pe = new PEReader(File.OpenRead(path));
            var machine = (ushort)pe.PEHeaders.CoffHeader.Machine;
            if (!pe.HasMetadata)
                wrong.Add($"{Path.GetFileName(path)} (native)");
            else if (!Arm64Machines.Contains(machine))
                wrong.Add($"{Path.GetFileName(path)} (machine 0x{machine:X4})");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void Arm64_publish_holds_the_shared_scoring_and_nothing_of_the_silo()
    {
        var listed = EdgeClosure.RuntimeAssemblies(Path.Combine(_folder, "vz-edge.deps.json"));
        Assert.Contains("VisionZero.Scoring.dll", listed);
        Assert.Contains("Microsoft.ML.FastTree.dll", listed);
        var onDisk = Directory.EnumerateFiles(_folder, "*.dll", SearchOption.AllDirectories)
            .Select(path => Path.GetFileName(path));
        var carried = EdgeClosure.Carried(listed.Union(onDisk));
        Assert.True(carried.Count == 0, "the arm64 publish carries " + string.Join(", ", carried));
    }

    private static void AssertAArch64(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        var header = ElfHeader.Read(path);
        Assert.True(header is { IsAArch64: true },
            $"{Path.GetFileName(path)}: {(header is null ? "not ELF" : $"e_machine {header.Machine}")}, " +
            $"not 64-bit little-endian AArch64 ({ElfHeader.AArch64})");
    }

    /// <summary>The natives the x64 build's packages ship for linux-x64 and not for linux-arm64.</summary>
    private static IEnumerable<string> X64OnlyNatives()
    {
        var runtimes = Path.Combine(Path.GetDirectoryName(Built.Edge)!, "runtimes");
        static IEnumerable<string> Names(string folder) =>
            Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(path => Path.GetFileName(path)) : [];
        var x64 = Names(Path.Combine(runtimes, "linux-x64", "native")).ToList();
        Assert.NotEmpty(x64);
        return x64.Except(Names(Path.Combine(runtimes, "linux-arm64", "native")));
    }
}
