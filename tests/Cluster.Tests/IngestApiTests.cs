using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// POST /api/ingest against real silo processes: who may upload, what comes back, the limits, and a drain on
/// SIGTERM.
/// </summary>
[Collection(ProcessCollection.Name)]
public partial class IngestApiTests
{
    private const string Key = "test-admin-key-0123456789";

    /// <summary>
    /// The primary Brooklyn extract: its accepted count is the bundled sample's (ApiTests reads the same in
    /// /metrics).
    /// </summary>
    private const long PrimaryRows = 15_753;
    private const long PrimaryAccepted = 15_696;

    [Fact]
    public async Task Anonymous_uploads_are_refused_and_the_admin_key_ingests_a_real_gzip_export_exactly_as_vz_does()
    {
        await using var silo = await StartAsync(31150, 31040);
        var gzip = Gzip(await File.ReadAllBytesAsync(SharedData.Crashes(SharedData.Primary)));

        using (var anonymous = Client(31150, key: null))
        {
            var refused = await anonymous.PostAsync("/api/ingest", Body(gzip, "application/gzip"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var wrongKey = Client(31150, Key + "x");
            Assert.Equal(
                HttpStatusCode.Unauthorized,
                (await wrongKey.PostAsync("/api/ingest", Body(gzip, "application/gzip"))).StatusCode);
            await AssertGridEmptyAsync(anonymous);
        }

        using var http = Client(31150, Key);
        var first = await IngestAsync(
            http,
            "/api/ingest?name=" + Uri.EscapeDataString("brooklyn 11234 (2012-2021).csv.gz"),
            Body(gzip, "application/gzip"));
        Assert.Equal("brooklyn 11234 (2012-2021).csv.gz", first["source"]!.GetValue<string>());
        Assert.Equal(PrimaryRows, first["read"]!.GetValue<long>());
        Assert.Equal(PrimaryAccepted, first["accepted"]!.GetValue<long>());
        Assert.Equal(0, first["duplicates"]!.GetValue<long>());
        Assert.Equal(
            first["rejected"]!.GetValue<long>(),
            first["rejectedByReason"]!.AsObject().Sum(r => r.Value!.GetValue<long>()));
        Assert.Equal("2021-11-12", first["latestCrashDate"]!.GetValue<string>());

        var corner = JsonNode.Parse(await http.GetStringAsync(
            "/api/intersections?name=" + Uri.EscapeDataString("Flatbush Ave & Avenue U")))!;
        Assert.Equal("avenue-u--flatbush-avenue", corner["id"]!.GetValue<string>());
        Assert.True(corner["totalCrashes"]!.GetValue<int>() > 300, corner.ToJsonString());

        // vz ingest --json of the same records (plain CSV this time) and the API's second upload agree
        // field for field: everything a duplicate, nothing new.
        var (code, vzOut, vzErr) = await Vz.RunAsync(
            "ingest", SharedData.Crashes(SharedData.Primary), "--json", "--gateway", "127.0.0.1:31040");
        Assert.True(code == 0, vzErr);
        var byVz = JsonNode.Parse(vzOut)!.AsObject();
        var again = (await IngestAsync(http, "/api/ingest", Body(gzip, "application/octet-stream"))).AsObject();
        Assert.Equal("http-upload", again["source"]!.GetValue<string>());
        Assert.Equal(
            (0L, PrimaryAccepted),
            (again["accepted"]!.GetValue<long>(), again["duplicates"]!.GetValue<long>()));
        byVz.Remove("source");
        again.Remove("source");
        Assert.True(JsonNode.DeepEquals(byVz, again), $"vz: {byVz}\napi: {again}");
    }

    [Fact]
    public async Task Malformed_rows_are_counted_by_reason_and_the_sound_rows_are_ingested()
    {
        await using var silo = await StartAsync(31151, 31041);
        using var http = Client(31151, Key);
        var csv = string.Join("\n",
            Header(),
            Row(9_000_001, "07/01/2020"),
            Row(9_000_002, "07/02/2020"),
            Row(9_000_003, "07/03/2020"),
            "1,2,3",
            Row(9_000_004, "13/45/2020"),
            Row(null, "07/04/2020")) + "\n";
        var summary = await IngestAsync(
            http, "/api/ingest?name=hand-made.csv", Body(Encoding.UTF8.GetBytes(csv), "text/csv"));
        Assert.Equal(
            (6L, 3L, 3L),
            (summary["read"]!.GetValue<long>(),
                summary["accepted"]!.GetValue<long>(),
                summary["rejected"]!.GetValue<long>()));
        var reasons = summary["rejectedByReason"]!.AsObject();
        Assert.Equal(3, reasons.Count);
        Assert.Equal(1, reasons["malformed-row"]!.GetValue<long>());
        Assert.Equal(1, reasons["bad-date"]!.GetValue<long>());
        Assert.Equal(1, reasons["missing-id"]!.GetValue<long>());
        var corner = JsonNode.Parse(await http.GetStringAsync("/api/intersections/avenue-u--flatbush-avenue"))!;
        Assert.Equal(3, corner["totalCrashes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bodies_that_are_not_crash_exports_empty_or_of_another_type_get_problems_and_leave_grid_unchanged()
    {
        await using var silo = await StartAsync(31152, 31042);
        using var http = Client(31152, Key);
        var sound = Encoding.UTF8.GetBytes(Header() + "\n" + Row(9_000_001, "07/01/2020") + "\n");

        var notCrashes = await http.PostAsync(
            "/api/ingest", Body(Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n4,5,6\n"), "text/csv"));
        var problem = await ProblemAsync(notCrashes, HttpStatusCode.BadRequest);
        var missing = problem["missingColumns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("COLLISION_ID", missing);
        Assert.Contains("CRASH DATE", missing);
        Assert.Contains("COLLISION_ID", problem["detail"]!.GetValue<string>());

        var empty = await ProblemAsync(
            await http.PostAsync("/api/ingest", Body([], "text/csv")), HttpStatusCode.BadRequest);
        Assert.Equal("the body is empty", empty["errors"]!["body"]![0]!.GetValue<string>());
        var emptyChunked = await http.PostAsync("/api/ingest", new TwoPartBody([], Task.CompletedTask, []));
        Assert.True(
            (await ProblemAsync(emptyChunked, HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("body"));

        foreach (var type in new[]
                 {
                     "image/png", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "not a type",
                 })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest")
            {
                Content = new ByteArrayContent(sound),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            var wrongType = await ProblemAsync(await http.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("text/csv", wrongType["detail"]!.GetValue<string>());
        }

        // Whatever a client puts in the source name, it is refused before a byte is read: never stored, logged
        // or echoed.
        string[] hostile =
        [
            "line\nbreak", "\u001b[31mred", "../../etc/passwd", "<script>alert(1)</script>",
            "'; DROP TABLE vz_ingest_run; --", "\u202Eevil.csv", "tab\there", "nul\0", "💥.csv", new string('a', 201),
        ];
        foreach (var name in hostile)
        {
            var response = await http.PostAsync(
                "/api/ingest?name=" + Uri.EscapeDataString(name), Body(sound, "text/csv"));
            Assert.True(
                (await ProblemAsync(response, HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("name"),
                name);
        }
        var hostileFile = new ByteArrayContent(sound);
        hostileFile.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        hostileFile.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=\"<img src=x>.csv\"");
        var refusedFile = await ProblemAsync(
            await http.PostAsync("/api/ingest", hostileFile), HttpStatusCode.BadRequest);
        Assert.True(refusedFile["errors"]!.AsObject().ContainsKey("Content-Disposition"));
        await AssertGridEmptyAsync(http);

        // A file name with a path is named by its last part.
        var named = new ByteArrayContent(sound);
        named.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        named.Headers.TryAddWithoutValidation(
            "Content-Disposition", "attachment; filename=\"C:\\exports\\crashes july.csv\"");
        Assert.Equal("crashes july.csv", (await IngestAsync(http, "/api/ingest", named))["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bodies_over_the_configured_limits_get_413_problems_on_the_ingest_and_on_every_other_endpoint()
    {
        await using var silo = await StartAsync(
            31153, 31043, "--Web:MaxIngestBytes", "100000", "--Web:MaxBodyBytes", "1000");
        using var http = Client(31153, Key);
        var csv = await File.ReadAllBytesAsync(SharedData.Crashes(SharedData.Primary));
        var under = Encoding.UTF8.GetBytes(
            string.Join("\n", File.ReadLines(SharedData.Crashes(SharedData.Primary)).Take(300)) + "\n");
        Assert.InRange(under.Length, 1_001, 100_000);

        // Under the ingest limit but over the global one: only the ingest endpoint takes it.
        Assert.Equal(299, (await IngestAsync(http, "/api/ingest", Body(under, "text/csv")))["read"]!.GetValue<long>());

        var declared = await ProblemAsync(
            await http.PostAsync("/api/ingest", Body(csv, "text/csv")), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("100000", declared["detail"]!.GetValue<string>());
        var chunked = await http.PostAsync("/api/ingest", new TwoPartBody(csv[..150_000], Task.CompletedTask, []));
        Assert.Contains(
            "100000",
            (await ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>());

        // Over the 1,000-byte limit but small enough that the client has sent all of it before the silo
        // answers 413 and closes: with 5 KB the close could land mid-send (a broken pipe, not a 413).
        var form = new string('k', 1_500);
        var signIn = await http.PostAsync(
            "/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = form }));
        Assert.Contains(
            "1000",
            (await ProblemAsync(signIn, HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>());
        var signInChunked = new TwoPartBody(Encoding.ASCII.GetBytes("key=" + form), Task.CompletedTask, []);
        signInChunked.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        await ProblemAsync(await http.PostAsync("/signin", signInChunked), HttpStatusCode.RequestEntityTooLarge);
        // An endpoint that never reads its body is still not sent one larger than the limit.
        await ProblemAsync(
            await http.PostAsync("/api/models/train", Body(new byte[1_500], "application/octet-stream")),
            HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(
            await http.PostAsync("/api/ingest/replay", Body(new byte[1_500], "application/octet-stream")),
            HttpStatusCode.RequestEntityTooLarge);

        // Only the upload that fitted was ingested, and the silo serves on.
        var top = JsonNode.Parse(await http.GetStringAsync("/api/intersections/top?k=200000"))!.AsArray();
        Assert.NotEmpty(top);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task On_sigterm_an_upload_in_flight_completes_with_its_full_summary_and_the_silo_then_exits_with_0()
    {
        await using var silo = await StartAsync(31154, 31044);
        using var http = Client(31154, Key);
        var lines = File.ReadLines(SharedData.Crashes(SharedData.Primary)).Take(2_001).ToList();
        var first = Encoding.UTF8.GetBytes(string.Join("\n", lines.Take(1_001)) + "\n");
        var second = Encoding.UTF8.GetBytes(string.Join("\n", lines.Skip(1_001)) + "\n");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new TwoPartBody(first, release.Task, second);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var upload = http.PostAsync("/api/ingest?name=drained.csv", body);
        await body.FirstSent.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(
            async () => ActivePosts().IsMatch(await GetTextAsync(31154, "/metrics") ?? ""),
            "the upload never reached the silo");

        await silo.TerminateAsync();
        // The silo is stopping: it takes no new connections, while the upload's stays open.
        await WaitUntilAsync(
            async () => await GetTextAsync(31154, "/health/live") is null,
            "the silo kept accepting requests after SIGTERM");
        Assert.False(upload.IsCompleted);

        release.SetResult();
        var response = await upload.WaitAsync(TimeSpan.FromSeconds(60));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}\n{silo.Log}");
        var summary = JsonNode.Parse(text)!;
        Assert.Equal("drained.csv", summary["source"]!.GetValue<string>());
        Assert.Equal(2_000, summary["read"]!.GetValue<long>());
        Assert.Equal(2_000, summary["accepted"]!.GetValue<long>() + summary["rejected"]!.GetValue<long>());
        Assert.True(summary["intersectionsTouched"]!.GetValue<int>() > 0);
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    private static Task<SiloProcess> StartAsync(int siloPort, int gatewayPort, params string[] extra) =>
        SiloProcess.StartAsync(siloPort, gatewayPort, postgres: null, "silo up",
            ["--sample", "false", "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0", .. extra]);

    private static HttpClient Client(int siloPort, string? key)
    {
        var http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(siloPort)}"),
            Timeout = TimeSpan.FromMinutes(3),
        };
        if (key is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>A fresh connection each time, so a refused connection means the silo stopped listening.</summary>
    private static async Task<string?> GetTextAsync(int siloPort, string path)
    {
        using var http = Client(siloPort, key: null);
        try
        {
            return await http.GetStringAsync(path);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !await condition(); await Task.Delay(100))
            Assert.True(DateTime.UtcNow < deadline, failure);
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static async Task<JsonNode> IngestAsync(HttpClient http, string path, HttpContent body)
    {
        var response = await http.PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        return problem;
    }

    private static async Task AssertGridEmptyAsync(HttpClient http)
    {
        var top = JsonNode.Parse(await http.GetStringAsync("/api/intersections/top?k=5"))!.AsArray();
        Assert.Empty(top);
    }

    private static string Header() => File.ReadLines(SharedData.Crashes(SharedData.Primary)).First();

    /// <summary>
    /// A crash at Flatbush Avenue &amp; Avenue U in the primary file's 29 columns; no id when
    /// <paramref name="id"/> is null.
    /// </summary>
    private static string Row(long? id, string date) =>
        $"{date},12:00,BROOKLYN,11234,40.6098,-73.9225,\"(40.6098, -73.9225)\"," +
        $"FLATBUSH AVENUE,AVENUE U,,1,0,0,0,0,0,1,0,Unspecified,,,,,{id},Sedan,,,,";

    private static byte[] Gzip(byte[] bytes)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
            gzip.Write(bytes);
        return compressed.ToArray();
    }

    [GeneratedRegex("http_server_active_requests\\{[^}]*http_request_method=\"POST\"[^}]*\\} [1-9]")]
    private static partial Regex ActivePosts();
}
