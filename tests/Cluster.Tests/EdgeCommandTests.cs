using System.Collections.Immutable;
using System.Text.Json;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// vz edge devices and vz edge log, run as processes against the embedded default (its in-memory uplink store):
/// what a device uploaded is listed and read back, as a table in a pipe and as JSON, and bad input is refused.
/// </summary>
[Collection(InProcessSiloCollection.Name)]
public sealed class EdgeCommandTests(InProcessSilo silo)
{
    [Fact]
    public async Task Vz_lists_the_devices_and_reads_one_devices_latest_entries()
    {
        var device = $"cli-{Guid.NewGuid():N}"[..16];
        await silo.Grains.GetGrain<IEdgeDeviceGrain>(device).Upload(new UplinkBatch(0, Entries(30)));

        var devices = await Vz.RunAsync("--gateway", InProcessSilo.Gateway, "edge", "devices");
        Assert.True(devices.ExitCode == 0, devices.Err);
        var row = Assert.Single(devices.Out.Split('\n'), line => line.StartsWith(device, StringComparison.Ordinal));
        Assert.Contains("40.60030,-73.93000", row);

        var json = await Vz.RunAsync(
            "--gateway", InProcessSilo.Gateway, "edge", "log", device, "--last", "5", "--json");
        Assert.True(json.ExitCode == 0, json.Err);
        var entries = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([26L, 27L, 28L, 29L, 30L], entries.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("Dangerous", entries[3].GetProperty("highestClass").GetString());

        var table = await Vz.RunAsync("--gateway", InProcessSilo.Gateway, "edge", "log", device, "--last", "3");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Equal(["seq", "28", "29", "30"], table.Out.Split('\n').Take(4).Select(l => l.Trim().Split(' ')[0]));
        Assert.Contains($"device {device}: 30 entries stored, complete through 30, 0 dropped unsent", table.Out);
    }

    [Theory]
    [InlineData("x'); DROP TABLE vz_edge_log; --", "", 2, "DEVICE: a device id is 1 to 64")]
    [InlineData("edge-aaaaaaaaaaaa", "0", 2, "--last must be 1 to 10000, not 0")]
    [InlineData("never-uploaded", "5", 1, "No device never-uploaded has uploaded")]
    public async Task Bad_input_is_refused_with_its_exit_code_and_reason(string id, string last, int code, string why)
    {
        string[] args = ["--gateway", InProcessSilo.Gateway, "edge", "log", id, .. last.Length > 0
            ? new[] { "--last", last }
            : []];

        var run = await Vz.RunAsync(args);

        Assert.Equal(code, run.ExitCode);
        Assert.Contains(why, run.Err);
    }

    private static readonly DateTimeOffset Start = new(2021, 10, 5, 13, 30, 0, TimeSpan.Zero);

    private static ImmutableArray<UplinkEntry> Entries(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new UplinkEntry(i, Start.AddSeconds(i),
            40.6 + i * 1e-5, -73.93, 10, 180, 1, new DateOnly(2021, 11, 30), (RiskClass)(i % 5), 0.5 * i,
            "avenue-u--flatbush-avenue", false)),
    ];
}
