using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Three silo processes clustered through PostgreSQL, under a steady query load: one is killed (SIGKILL) in the middle
/// of a 500,000-row ingest and started again, and the file is sent again. Every accepted collision is counted in
/// exactly one corner, queries keep answering (few failures, and none once the cluster has declared the dead silo
/// dead), and the restarted silo serves. Then each silo in turn is stopped (SIGTERM) and started again under the same
/// load, and no request fails.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static readonly int[] SiloPorts = [31193, 31194, 31195];

    private static readonly string[] Settings = ["--VZ_RATE_LIMIT_PER_SECOND", "0"];

    /// <summary>
    /// After the cluster declares the dead silo dead, a call may still have been on its way to it: this long after,
    /// none may fail. (Calls to it time out after Orleans' 30 s response timeout at most.)
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(31);

    [Fact]
    public async Task A_silo_killed_mid_ingest_loses_no_crash_counts_none_twice_and_queries_keep_answering()
    {
        var folder = Directory.CreateTempSubdirectory("vz-chaos").FullName;
        var file = Path.Combine(folder, "synthetic.csv.gz");
        await Vz.RunAsync("synth", "--crashes", "500000", "--intersections", "20000", "--years", "6", "--seed", "11",
            "--out", file);
        await using var database = await TestDatabase.CreateAsync();
        var silos = new SiloProcess?[3];
        try
        {
            for (var i = 0; i < 3; i++)
                silos[i] = await StartNthAsync(i, database);
            var gateway = $"127.0.0.1:{SiloPorts[0] - 100}";
            // The file's first rows give the load its corners before the whole file is sent (they come again in
            // it, as duplicates).
            var (headExit, _, headError) = await Vz.RunAsync("ingest", await HeadAsync(file, 20_000), "--gateway",
                gateway);
            Assert.True(headExit == 0, headError);
            await using var load = new QueryLoad(await CornersAsync(SiloPorts[0]),
                SiloPorts.Select(SiloProcess.HttpPort));
            await using var ingest = VzProcess.Start(Built.Dotnet(Built.Vz, ["ingest", file, "--gateway", gateway]));
            await WaitForStoredAsync(database, 200_000);

            var killedAt = load.Now;
            var stored = await database.ScalarAsync("SELECT count(*) FROM vz_crash");
            load.Remove(SiloProcess.HttpPort(SiloPorts[2]));
            silos[2]!.Kill();
            await DeclaredDeadAsync(database, SiloPorts[2]);
            var settledAt = load.Now;
            var first = await ingest.WaitForExitAsync(TimeSpan.FromMinutes(5));
            silos[2] = await StartNthAsync(2, database);
            var rejoinedAt = load.Now;
            load.Add(SiloProcess.HttpPort(SiloPorts[2]));
            var (again, summary, error) = await Vz.RunAsync("ingest", file, "--json", "--gateway", gateway);
            Assert.True(again == 0, error);
            await Task.Delay(TimeSpan.FromSeconds(5));
            await load.DisposeAsync();

            var answers = load.Answers;
            var failed = answers.Where(a => !a.Ok).ToList();
            var lastFailure = failed.Count == 0 ? TimeSpan.Zero : failed.Max(a => a.At) - killedAt;
            output.WriteLine($"[figure] chaos: killed with {stored:N0} of 500,000 rows stored; the first ingest " +
                $"exited {first}; declared dead after {(settledAt - killedAt).TotalSeconds:F1} s; rejoined after " +
                $"{(rejoinedAt - killedAt).TotalSeconds:F1} s; {answers.Count:N0} requests, {failed.Count} failed " +
                $"({100.0 * failed.Count / answers.Count:F2} %), the last {lastFailure.TotalSeconds:F1} s after " +
                "the kill");
            foreach (var f in failed.Take(10))
                output.WriteLine($"  {f.At.TotalSeconds:F1} s {f.Kind} on {f.Port}: {f.Detail}");
            Assert.True(failed.Count < answers.Count / 100, $"{failed.Count} of {answers.Count} requests failed");
            Assert.DoesNotContain(failed, a => a.At > settledAt + Settle);
            Assert.Contains(answers, a => a.Ok && a.Port == SiloProcess.HttpPort(SiloPorts[2]) && a.At > rejoinedAt);

            var grid = await GridState.ReadAsync(database, SiloPorts[2]);
            var accepted = await database.ScalarAsync("SELECT count(DISTINCT collision_id) FROM vz_crash");
            var second = JsonNode.Parse(summary)!;
            Assert.Equal(500_000, second["read"]!.GetValue<long>());
            Assert.Equal(500_000 - second["rejected"]!.GetValue<long>(), accepted);
            Assert.Equal(grid.Store.Values.Sum(), grid.Grains.Values.Sum(g => (long)g.Total));
            Assert.All(grid.Store, s => Assert.Equal(s.Value, grid.Grains.GetValueOrDefault(s.Key).Total));
            Assert.Equal(await database.ScalarAsync(
                "SELECT count(DISTINCT collision_id) FROM vz_crash_located " +
                "WHERE coalesce(intersection_id, attributed_intersection_id) IS NOT NULL"), grid.Store.Values.Sum());
        }
        finally
        {
            foreach (var silo in silos.OfType<SiloProcess>())
                await silo.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_rolling_restart_of_every_silo_under_query_load_fails_no_request()
    {
        int[] ports = [31200, 31201, 31202];
        await using var database = await TestDatabase.CreateAsync();
        var silos = new SiloProcess?[3];
        var logs = new List<string>();
        try
        {
            for (var i = 0; i < 3; i++)
                silos[i] = await StartAsync(ports[i], database);
            var (exit, _, error) = await Vz.RunAsync(
                "ingest", SharedData.Crashes(SharedData.Primary), "--gateway", $"127.0.0.1:{ports[0] - 100}");
            Assert.True(exit == 0, error);
            var load = new QueryLoad(await CornersAsync(ports[0]), ports.Select(SiloProcess.HttpPort));
            var back = new TimeSpan[3];
            await using (load)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                for (var i = 0; i < 3; i++)
                {
                    // The balancer's part (a Kubernetes preStop pause does the same): out of the rotation, a
                    // moment for requests already sent to it, then SIGTERM.
                    load.Remove(SiloProcess.HttpPort(ports[i]));
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await silos[i]!.StopAsync();
                    logs.Add(silos[i]!.Log);
                    silos[i] = await StartAsync(ports[i], database);
                    back[i] = load.Now;
                    load.Add(SiloProcess.HttpPort(ports[i]));
                    await Task.Delay(TimeSpan.FromSeconds(3));
                }
            }

            var answers = load.Answers;
            var failed = answers.Where(a => !a.Ok).ToList();
            output.WriteLine($"[figure] rolling restart: {answers.Count:N0} requests over " +
                $"{answers[^1].At.TotalSeconds:F1} s, " +
                $"{failed.Count} failed; silos back after " +
                string.Join(", ", back.Select(b => $"{b.TotalSeconds:F1} s")));
            foreach (var f in failed.Take(10))
                output.WriteLine($"  {f.At.TotalSeconds:F1} s {f.Kind} on {f.Port}: {f.Detail}");
            if (failed.Count > 0)
                foreach (var log in logs.Concat(silos.OfType<SiloProcess>().Select(s => s.Log)))
                    output.WriteLine(log[..Math.Min(log.Length, 6000)]);
            Assert.Empty(failed);
            for (var i = 0; i < 3; i++)
                Assert.Contains(answers, a => a.Port == SiloProcess.HttpPort(ports[i]) && a.At > back[i]);
        }
        finally
        {
            foreach (var silo in silos.OfType<SiloProcess>())
                await silo.DisposeAsync();
        }
    }

    /// <summary>The header and the first rows of a gzipped CSV, as a plain CSV beside it.</summary>
    private static async Task<string> HeadAsync(string file, int rows)
    {
        var head = Path.ChangeExtension(Path.ChangeExtension(file, null), ".head.csv");
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(
            File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress));
        await using var writer = new StreamWriter(head);
        for (var i = 0; i <= rows && await reader.ReadLineAsync() is { } line; i++)
            await writer.WriteLineAsync(line);
        return head;
    }

    private static Task<SiloProcess> StartNthAsync(int index, TestDatabase database) =>
        StartAsync(SiloPorts[index], database);

    private static Task<SiloProcess> StartAsync(int siloPort, TestDatabase database) => SiloProcess.StartAsync(
        siloPort, siloPort - 100, database.ConnectionString, "silo up", Settings);

    private static async Task WaitForStoredAsync(TestDatabase database, long rows)
    {
        var watch = Stopwatch.StartNew();
        while (await database.ScalarAsync("SELECT count(*) FROM vz_crash") < rows)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(5), $"fewer than {rows} rows stored after 5 minutes");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the membership table says the silo on the port is dead (status 6).</summary>
    private static async Task DeclaredDeadAsync(TestDatabase database, int siloPort)
    {
        var watch = Stopwatch.StartNew();
        while (await database.ScalarAsync(
                   $"SELECT count(*) FROM orleansmembershiptable WHERE port = {siloPort} AND status = 6") == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), "the killed silo was not declared dead in 3 minutes");
            await Task.Delay(100);
        }
    }

    /// <summary>Corners with their positions, from a silo's hotspot list: what the load asks for.</summary>
    private static async Task<List<(string Id, double Lat, double Lon)>> CornersAsync(int siloPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(siloPort)}") };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            // Mid-ingest the hotspot list may not have been gathered yet.
            var top = JsonNode.Parse(await http.GetStringAsync("/api/intersections/top?k=2000"))!.AsArray();
            List<(string, double, double)> corners = [.. top.Where(c => c!["latitude"] is not null)
                .Select(c => (c!["id"]!.GetValue<string>(), c["latitude"]!.GetValue<double>(),
                    c["longitude"]!.GetValue<double>()))];
            if (corners.Count > 0)
                return corners;
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "no corner with a position in the hotspot list");
            await Task.Delay(500);
        }
    }
}
