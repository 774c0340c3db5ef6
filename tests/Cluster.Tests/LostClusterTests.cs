using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// vz when the cluster goes away under it or the operator stops it: a lost gateway is noticed within
/// seconds and ends vz with exit 3 and one line; Ctrl-C and SIGTERM stop it promptly with 130 and 143 and
/// say what the ingest left. The ingested file is a named pipe, so the tests know vz is mid-ingest.
/// </summary>
[Collection(ProcessCollection.Name)]
public class LostClusterTests(ITestOutputHelper output)
{
    private const int Crashes = 100_000;
    private static readonly TimeSpan LostClusterBound = TimeSpan.FromSeconds(30);

    /// <summary>Generous: vz gives a stopped command 20 s to unwind, and the machine may be busy.</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(45);
    private static readonly Lazy<Task<byte[]>> Export = new(SynthesizeAsync);

    private static async Task<byte[]> SynthesizeAsync()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vz-lost").FullName, "synthetic.csv.gz");
        var (code, _, error) = await Vz.RunAsync("synth", "--crashes", Crashes.ToString(), "--intersections", "10000",
            "--years", "6", "--seed", "3", "--out", file);
        Assert.True(code == 0, error);
        return await File.ReadAllBytesAsync(file);
    }

    /// <summary>An embedded silo whose ports (silo, gateway and HTTP) are all in this class's range.</summary>
    private static Task<SiloProcess> StartEmbeddedAsync(int siloPort, int gatewayPort) =>
        SiloProcess.StartAsync(siloPort, gatewayPort, postgres: null, "silo up", "--sample", "false",
            "--urls", $"http://127.0.0.1:{siloPort + 100}");

    private static Task<PipedFile> PipeAsync() =>
        PipedFile.CreateAsync(Path.Combine(Directory.CreateTempSubdirectory("vz-pipe").FullName, "synthetic.csv.gz"));

    private static void AssertOneLineWithoutStackTrace(string error)
    {
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Unhandled exception", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Vz_ingest_exits_3_naming_the_lost_gateway_within_seconds_when_the_silo_is_killed_mid_ingest()
    {
        var export = await Export.Value;
        await using var silo = await StartEmbeddedAsync(31160, 31060);
        await using var pipe = await PipeAsync();
        await using var vz = Vz.Start("ingest", pipe.Path, "--json", "--gateway", "127.0.0.1:31060");
        var thirdWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = pipe.PumpAsync(export, written =>
        {
            if (written >= export.Length / 3)
                thirdWritten.TrySetResult();
        });
        await thirdWritten.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(vz.HasExited, vz.Err);

        silo.Kill();
        var clock = Stopwatch.StartNew();
        var code = await vz.WaitForExitAsync(LostClusterBound);
        output.WriteLine($"silo killed to vz exit: {clock.Elapsed.TotalSeconds:F1} s; stderr: {vz.Err}");
        await pump;

        Assert.Equal(3, code);
        // Noticed by the gateway watch, or by a call in flight failing first: either names the gateway.
        Assert.StartsWith("vz: lost the cluster at 127.0.0.1:31060: ", vz.Err);
        Assert.Contains("the ingest of synthetic.csv.gz stopped", vz.Err);
        Assert.Contains("ingesting the file again completes it", vz.Err);
        AssertOneLineWithoutStackTrace(vz.Err);
    }

    [Fact]
    public async Task Ctrl_c_stops_an_ingest_waiting_on_a_slow_file_with_exit_130_and_says_what_it_left()
    {
        var export = await Export.Value;
        await using var silo = await StartEmbeddedAsync(31161, 31061);
        await using var pipe = await PipeAsync();
        // The progress bar's view, which must cope with a file of unknown length.
        await using var vz = Vz.Start("ingest", pipe.Path, "--gateway", "127.0.0.1:31061");
        await pipe.WriteAsync(export.AsMemory(0, export.Length / 2));

        await vz.SignalAsync("INT");
        var code = await vz.WaitForExitAsync(StopBound);

        Assert.Equal(130, code);
        Assert.StartsWith("vz: stopped by Ctrl-C (SIGINT); the ingest of synthetic.csv.gz stopped", vz.Err);
        Assert.Contains("its run is abandoned in the ingest ledger (\"cancelled by the sender\"), " +
                        "and ingesting the file again completes it", vz.Err);
        AssertOneLineWithoutStackTrace(vz.Err);
    }

    [Fact]
    public async Task Sigterm_stops_an_ingest_with_exit_143_and_its_run_abandoned_which_ingesting_again_completes()
    {
        var export = await Export.Value;
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(31162, 31062, database.ConnectionString, "silo up",
            "--sample", "false", "--urls", "http://127.0.0.1:31262");
        await using var pipe = await PipeAsync();
        await using var vz = Vz.Start("ingest", pipe.Path, "--json", "--gateway", "127.0.0.1:31062");
        await pipe.WriteAsync(export.AsMemory(0, export.Length / 2));
        await WaitForAsync(database, "SELECT count(*) FROM vz_ingest_run WHERE status = 'running'");

        await vz.SignalAsync("TERM");
        var clock = Stopwatch.StartNew();
        var code = await vz.WaitForExitAsync(StopBound);
        output.WriteLine($"SIGTERM to vz exit: {clock.Elapsed.TotalSeconds:F1} s; stderr: {vz.Err}");

        Assert.Equal(143, code);
        Assert.StartsWith("vz: stopped by SIGTERM; the ingest of synthetic.csv.gz stopped", vz.Err);
        Assert.Contains("its run is abandoned in the ingest ledger", vz.Err);
        AssertOneLineWithoutStackTrace(vz.Err);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM vz_ingest_run " +
            "WHERE source = 'synthetic.csv.gz' AND status = 'abandoned' " +
            "AND summary->>'abandoned' = 'cancelled by the sender'"));

        var file = Path.Combine(Directory.CreateTempSubdirectory("vz-again").FullName, "synthetic.csv.gz");
        await File.WriteAllBytesAsync(file, export);
        var again = await Vz.RunAsync("ingest", file, "--json", "--gateway", "127.0.0.1:31062");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Equal(Crashes, JsonDocument.Parse(again.Out).RootElement.GetProperty("read").GetInt64());
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM vz_ingest_run " +
            $"WHERE source = 'synthetic.csv.gz' AND status = 'completed' AND (summary->>'Read')::int = {Crashes}"));
        Assert.Equal(Crashes, await database.ScalarAsync("SELECT count(*) FROM vz_crash"));
    }

    [Fact]
    public async Task A_command_against_a_gateway_nobody_listens_on_exits_3_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        var (code, _, error) = await Vz.RunAsync("top", "--gateway", "127.0.0.1:31098");
        output.WriteLine($"vz gave up after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(3, code);
        Assert.StartsWith("vz: no Vision Zero Grid cluster answered at gateway 127.0.0.1:31098", error);
        AssertOneLineWithoutStackTrace(error);
        // Before it was bounded, a refused gateway was retried for 15 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
    }

    private static async Task WaitForAsync(TestDatabase database, string countQuery)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await database.ScalarAsync(countQuery) == 0)
            await Task.Delay(100, timeout.Token);
    }
}
