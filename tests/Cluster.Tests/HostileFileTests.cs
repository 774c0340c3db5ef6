using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Damaged and hostile crash files sent as operators and strangers would (POST /api/ingest and vz ingest)
/// to a real silo: each is read with its damage quarantined, or refused with a 400 (vz: exit 2) naming the
/// fault, never a 500 or a crash; and a file refused part-way loses nothing already accepted.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class HostileFileTests(ITestOutputHelper output)
{
    private const string Key = "test-admin-key-hostile-files";
    private static readonly string[] Primary = File.ReadAllLines(SharedData.Crashes(SharedData.Primary));

    private static string Text(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    private static byte[] Utf8(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(Text(lines));

    private static byte[] Gzip(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return packed.ToArray();
    }

    /// <summary>
    /// Each hostile file, and the words its refusal must contain (null: it reads, damage quarantined).
    /// </summary>
    private static IEnumerable<(string Name, byte[] Body, string? Refusal)> Files()
    {
        var strayQuote = Primary.Select((l, i) => i == 8_000 ? l.Replace(",BROOKLYN,", ",\"BROOKLYN,") : l);
        yield return ("stray quote in row 8,000", Utf8(strayQuote), null);
        yield return ("stray quote before 16 MB of rows",
            Utf8(Primary[..1].Concat(
                Enumerable.Repeat(Primary[1..], 5).SelectMany(r => r).Select((l, i) => i == 0 ? "\"" + l : l))),
            null);
        yield return ("duplicated CRASH DATE",
            Utf8([Primary[0] + ",CRASH DATE", .. Primary[1..50].Select(l => l + ",x")]),
            "two columns named 'CRASH DATE'");
        yield return ("trailing ,, in the header", Utf8([Primary[0] + ",,", .. Primary[1..50].Select(l => l + ",,")]),
            "two columns with no name");
        yield return ("a 20 MB line", Utf8(Primary[..50].Append(new string('7', 20 << 20))), "longer than 1 MiB");
        yield return ("gzip of 256 MB of zeros", Gzip(new byte[256 << 20]), "line 1 is longer than 1 MiB");
        yield return ("mostly damaged", Utf8(Primary[..1].Concat(Primary[1..3_001].Select(l => l + ",extra"))),
            "not rows of its header's shape");
        yield return ("binary noise",
            [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7919 % 251))],
            "not a crash export");
        yield return ("a lone quote", "\""u8.ToArray(), "not a crash export");
        yield return ("hostile header names", Utf8(["<script>alert(1)</script>,'; DROP TABLE vz_crash; --,\u202E\0"]),
            "not a crash export");
    }

    [Fact]
    public async Task Hostile_files_are_read_or_refused_with_a_400_naming_the_fault_and_vz_exits_2_without_a_trace()
    {
        await using var silo = await SiloProcess.StartAsync(24211, 24200, postgres: null, "silo up",
            ["--sample", "false", "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(24211)}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var folder = Directory.CreateTempSubdirectory("vz-hostile").FullName;
        int requests = 0, serverErrors = 0, vzRuns = 0;
        try
        {
            foreach (var (name, body, refusal) in Files())
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await http.PostAsync("/api/ingest?name=hostile.csv", content);
                requests++;
                serverErrors += (int)response.StatusCode >= 500 ? 1 : 0;
                var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                var file = Path.Combine(folder, "hostile.csv");
                await File.WriteAllBytesAsync(file, body);
                var (code, _, error) = await Vz.RunAsync("ingest", file, "--json", "--gateway", "127.0.0.1:24200");
                vzRuns++;
                Assert.DoesNotContain("   at ", error); // no stack trace
                if (refusal is null)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode} {answer}");
                    Assert.Equal(1, answer["rejectedByReason"]!["malformed-row"]!.GetValue<long>());
                    Assert.Equal(body.Count(b => b == '\n') - 1, answer["read"]!.GetValue<long>());
                    Assert.True(code == 0, $"{name}: vz exited {code}: {error}");
                }
                else
                {
                    Assert.True(
                        response.StatusCode == HttpStatusCode.BadRequest,
                        $"{name}: {response.StatusCode} {answer}");
                    Assert.Contains(refusal, answer["detail"]!.GetValue<string>());
                    Assert.True(code == 2, $"{name}: vz exited {code}: {error}");
                    Assert.Contains(refusal, error);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        output.WriteLine($"hostile files: {requests} uploads, {serverErrors} answered 5xx; {vzRuns} vz runs");
        Assert.Equal(0, serverErrors);
    }

    [Fact]
    public async Task A_file_refused_part_way_abandons_its_run_and_the_fixed_file_ends_where_a_clean_ingest_ends()
    {
        // Two copies of the primary file (the second all duplicates), then an over-long line: the first
        // batch of 20,000 has been sent when the fault is found.
        var fixedLines = Primary.Concat(Primary[1..]).ToArray();
        var folder = Directory.CreateTempSubdirectory("vz-hostile").FullName;
        var damaged = Path.Combine(folder, "damaged.csv");
        var sound = Path.Combine(folder, "sound.csv");
        await File.WriteAllTextAsync(damaged, Text(fixedLines.Append(new string('9', 2 << 20))));
        await File.WriteAllTextAsync(sound, Text(fixedLines));
        await using var recovered = await TestDatabase.CreateAsync();
        await using var clean = await TestDatabase.CreateAsync();
        try
        {
            GridState expected, actual;
            await using (var silo = await SiloProcess.StartAsync(24311, 24300, clean.ConnectionString))
            {
                Assert.Equal(0, (await Vz.RunAsync("ingest", sound, "--gateway", "127.0.0.1:24300")).ExitCode);
                expected = await GridState.ReadAsync(clean, 24311);
            }
            await using (var silo = await SiloProcess.StartAsync(24311, 24300, recovered.ConnectionString))
            {
                var (code, _, error) = await Vz.RunAsync("ingest", damaged, "--gateway", "127.0.0.1:24300");
                Assert.True(code == 2, $"vz exited {code}: {error}");
                Assert.Contains($"line {fixedLines.Length + 1} is longer than 1 MiB", error);
                Assert.Contains("the rows before it were stored, and ingest run", error);
                Assert.Equal(1, await recovered.ScalarAsync(
                    "SELECT count(*) FROM vz_ingest_run WHERE status = 'abandoned' " +
                    "AND summary->>'abandoned' LIKE '%longer than 1 MiB%'"));
                Assert.True(
                    await recovered.ScalarAsync("SELECT count(*) FROM vz_crash") >= 15_000,
                    "the first batch was stored");
                Assert.Equal(0, (await Vz.RunAsync("ingest", sound, "--gateway", "127.0.0.1:24300")).ExitCode);
                actual = await GridState.ReadAsync(recovered, 24311);
            }
            var comparison = GridComparison.Of(expected, actual);
            output.WriteLine($"refused part-way, then the sound file: {comparison}");
            Assert.True(comparison.Differing == 0 && comparison.StoreDiffering == 0, comparison.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
