using System.Runtime.InteropServices;
using System.Text.Json;
using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The linux-arm64 publish, run under qemu's user-mode emulation, against the x64 build on copies of one store
/// synced from the test cluster: offline, both answer the bundled drive byte for byte alike, one answer per fix
/// the trace's filter accepts, and both evaluate the served version to the same metrics, the arm64 one on
/// linux-arm64.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class EmulatedArm64Tests(EdgeGridFixture fixture) : IDisposable
{
    // An emulated run of the drive or the evaluation takes seconds alone; the margin is for a loaded CI machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly string _qemu = Arm64Publish.RequireEmulator();
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-arm64-").FullName;

    [Fact]
    public async Task Arm64_build_answers_the_drive_offline_byte_for_byte_as_the_x64_build()
    {
        Arm64Publish.RequireOutput();
        var (arm, x64, version) = await StoresAsync();
        var trace = BundledTraces.PathOf(".nmea");
        var accepted = (await TraceRun.OfAsync(TraceFiles.ReadAsync(trace))).Accepted.Count;
        // --verbose: the log says which device answered, on standard error; standard output holds answers alone.
        string[] replay =
            ["--offline", "--verbose", "--replay", trace, "--speed", "0", "--json", "--http", "0", "--data"];

        var onArm = (await ProcessRun.RunAsync(Arm64Publish.Emulated(_qemu, [.. replay, arm]), Timeout))
            .Succeeded("the emulated arm64 vz-edge");
        var onX64 = (await ProcessRun.RunAsync(Arm64Publish.Native([.. replay, x64]), Timeout))
            .Succeeded("the x64 vz-edge");

        Assert.Equal(accepted, onX64.Lines.Length);
        Assert.Equal(accepted, onArm.Lines.Length);
        Assert.Contains($"vz-edge: {accepted} accepted", onArm.Error);
        for (var i = 0; i < accepted; i++)
            Assert.True(onArm.Lines[i] == onX64.Lines[i],
                $"answer {i + 1} differs\narm64: {onArm.Lines[i]}\nx64:   {onX64.Lines[i]}");
        Assert.Equal(onX64.Output, onArm.Output);
        var answers = onArm.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(answers, a => Assert.Equal(version, a.GetProperty("modelVersion").GetInt32()));
        Assert.Contains(answers, a => a.GetProperty("corners").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Arm64_build_evaluates_on_linux_arm64_to_the_x64_builds_metrics()
    {
        Arm64Publish.RequireOutput();
        var (arm, x64, version) = await StoresAsync();
        string[] eval = ["eval", "--offline", "--json", "--data"];

        var onArm = (await ProcessRun.RunAsync(Arm64Publish.Emulated(_qemu, [.. eval, arm]), Timeout))
            .Succeeded("the emulated arm64 vz-edge eval");
        var onX64 = (await ProcessRun.RunAsync(Arm64Publish.Native([.. eval, x64]), Timeout))
            .Succeeded("the x64 vz-edge eval");

        using var armReport = JsonDocument.Parse(onArm.Output);
        using var x64Report = JsonDocument.Parse(onX64.Output);
        Assert.Equal("linux-arm64", Platform(armReport));
        Assert.Equal(RuntimeInformation.RuntimeIdentifier, Platform(x64Report));
        Assert.Equal(version, armReport.RootElement.GetProperty("version").GetInt32());
        Assert.True(armReport.RootElement.GetProperty("intersections").GetInt32() > 0, "no corner was judged");
        // Everything but when and how fast it ran, and the device id each copy made for itself on first use: the
        // judged corners, the counts and every metric, to the bit.
        Assert.True(x64Report.RootElement.TryGetProperty("metrics", out _), "the x64 report has no metrics");
        foreach (var field in x64Report.RootElement.EnumerateObject()
                     .Where(f => f.Name is not ("evaluatedAt" or "performance" or "deviceId")))
        {
            var onArmField = armReport.RootElement.TryGetProperty(field.Name, out var value) ? value.GetRawText() : "-";
            Assert.True(onArmField == field.Value.GetRawText(),
                $"{field.Name} differs\narm64: {onArmField}\nx64:   {field.Value.GetRawText()}");
        }
    }

    private static string? Platform(JsonDocument report) =>
        report.RootElement.GetProperty("performance").GetProperty("platform").GetString();

    /// <summary>One store synced from the cluster, closed, and copied twice: each build writes to its own.</summary>
    private async Task<(string Arm, string X64, int Version)> StoresAsync()
    {
        var synced = Path.Combine(_folder, "synced");
        int version;
        using (var grid = await SyncedEdge.OpenAsync(fixture, synced))
            version = grid.Model!.Version;
        var copies = (Arm: Path.Combine(_folder, "arm64"), X64: Path.Combine(_folder, "x64"));
        foreach (var copy in new[] { copies.Arm, copies.X64 })
        {
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.EnumerateFiles(synced))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return (copies.Arm, copies.X64, version);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
