using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// The rollout's first step end to end on the embedded default, as an operator meets it: a trained candidate is
/// judged at the offline gate by the job that follows its training, the verdict is kept with the version and read
/// over HTTP and with vz, and a gate can be asked for again (admin key); unknown versions are refused.
/// </summary>
[Collection(ProcessCollection.Name)]
public class RolloutApiTests
{
    private const string Key = "rollout-admin-key-0123456789";
    private const int SiloPort = 31180;
    private const int GatewayPort = 31080;

    [Fact]
    public async Task A_trained_candidate_is_gated_by_itself_and_its_verdict_is_read_over_http_and_with_vz()
    {
        await using var silo = await SiloProcess.StartAsync(SiloPort, GatewayPort, postgres: null, "Grid ready",
            "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0", "--Rollout:Staging:Seconds", "2",
            "--Rollout:Canary:AfterStaging", "false");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort)}") };
        await AdminHttp.FirstModelInProductionAsync(http);
        // The first model went straight to production: there was nothing to gate it against.
        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/models/1/rollout"))!["steps"]!.AsArray());

        var trained = await RunJobAsync(http, "/api/models/train");
        Assert.Equal(2, trained["version"]!.GetValue<int>());
        // The gate follows the training, and staging follows a passed gate.
        var steps = await WaitForAsync(async () =>
            JsonNode.Parse(await http.GetStringAsync("/api/models/2/rollout"))!["steps"]!.AsArray() is [_, _, ..] s
                ? s : null, () => silo.Log);

        var gate = steps[0]!;
        Assert.Equal("offline-gate", gate["step"]!.GetValue<string>());
        // The same recipe as production's, on the same data: every difference is zero, and it passes.
        Assert.Equal("passed", gate["verdict"]!.GetValue<string>());
        Assert.StartsWith("against production version 1; held on capture5 vs production (+0.000)",
            gate["why"]!.GetValue<string>());
        var settings = gate["settings"]!.AsObject();
        Assert.Equal(("200", "0", "0.25", "tune", "1"), (settings["replicates"]!.GetValue<string>(),
            settings["tolerance"]!.GetValue<string>(), settings["calibrationBand"]!.GetValue<string>(),
            settings["onFail"]!.GetValue<string>(), settings["production"]!.GetValue<string>()));
        var figures = gate["figures"]!.AsArray();
        Assert.Equal(5, figures.Count);
        Assert.All(figures.Where(f => f!["against"]!.GetValue<string>() == "production"),
            f => Assert.Equal(0, f!["median"]!.GetValue<double>()));
        var staging = steps[1]!;
        Assert.Equal(("staging", "passed"),
            (staging["step"]!.GetValue<string>(), staging["verdict"]!.GetValue<string>()));
        Assert.StartsWith("against production version 1; held: p99 ", staging["why"]!.GetValue<string>());
        Assert.Equal(["p99-ms", "requests-per-second", "error-rate"],
            staging["measures"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        Assert.All(staging["measures"]!.AsArray(), m => Assert.True(m!["held"]!.GetValue<bool>()));
        Assert.Equal("staging",
            JsonNode.Parse(await http.GetStringAsync("/api/models/2"))!["stage"]!.GetValue<string>());

        // Asked for again by hand: refused without the key, answered 202 with a job that adds a second verdict.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/models/2/gate", null)).StatusCode);
        var again = await RunJobAsync(http, "/api/models/2/gate");
        Assert.StartsWith("version 2 passed the offline gate: against production version 1",
            again["result"]!.GetValue<string>());
        Assert.Contains("; staging job ", again["result"]!.GetValue<string>());
        // The second verdict is added, and the staging it queued again adds its own.
        var api = await WaitForAsync(async () =>
            JsonNode.Parse(await http.GetStringAsync("/api/models/2/rollout")) is { } r
            && r["steps"]!.AsArray().Count == 4 ? r : null);
        Assert.Equal(["offline-gate", "staging", "offline-gate", "staging"],
            api["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()));

        var gateway = $"127.0.0.1:{GatewayPort}";
        var (exit, output, error) = await Vz.RunAsync("rollout", "status", "2", "--json", "--gateway", gateway);
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(output)), output);
        (exit, output, error) = await Vz.RunAsync("rollout", "status", "--gateway", gateway);
        Assert.True(exit == 0, error);
        Assert.StartsWith("Model version 2 (staging)", output);
        Assert.Contains("offline-gate: passed at ", output);
        Assert.Contains("staging: passed at ", output);
        Assert.Contains("judged by calibrationBand=0.25, cutoffs=", output);
    }

    [Fact]
    public async Task A_candidate_made_slow_on_purpose_passes_the_gate_and_stops_at_staging_with_its_reasons()
    {
        // Every version trained while another is in production scores 25 ms slower (a test hook).
        await using var silo = await SiloProcess.StartAsync(SiloPort + 3, GatewayPort + 3, postgres: null, "Grid ready",
            "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0", "--Rollout:Staging:Seconds", "2",
            "--Risk:TestScoringDelayMs", "25");
        using var http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort + 3)}"),
        };
        await AdminHttp.FirstModelInProductionAsync(http);
        // The load test's header: for admins only, and only two values.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Served("staging"))).StatusCode);
        using var bad = Served("canary");
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(bad)).StatusCode);

        var trained = await RunJobAsync(http, "/api/models/train");
        Assert.Equal("25", JsonNode.Parse(await http.GetStringAsync("/api/models/2"))!["parameters"]!["scoringDelayMs"]!
            .GetValue<string>());
        var steps = await WaitForAsync(async () =>
            JsonNode.Parse(await http.GetStringAsync("/api/models/2/rollout"))!["steps"]!.AsArray() is [_, _, ..] s
                ? s : null, () => silo.Log);

        Assert.Equal("passed", steps[0]!["verdict"]!.GetValue<string>());
        var staging = steps[1]!;
        Assert.Equal(("staging", "failed"),
            (staging["step"]!.GetValue<string>(), staging["verdict"]!.GetValue<string>()));
        Assert.Contains("breached: p99-ms ", staging["why"]!.GetValue<string>());
        var p99 = staging["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "p99-ms")!;
        Assert.False(p99["held"]!.GetValue<bool>());
        Assert.True(p99["candidate"]!.GetValue<double>() > p99["limit"]!.GetValue<double>());
        // Stopped: back to candidate (unloaded), production untouched, and production refuses it.
        var versions = JsonNode.Parse(await http.GetStringAsync("/api/models"))!.AsArray()
            .ToDictionary(v => v!["version"]!.GetValue<int>(), v => v!["stage"]!.GetValue<string>());
        Assert.Equal(("candidate", "production"), (versions[2], versions[1]));
        Assert.Equal(2, trained["version"]!.GetValue<int>());
    }

    private static HttpRequestMessage Served(string side)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/intersections/top?k=1");
        request.Headers.Add("X-VZ-Serve", side);
        return request;
    }

    [Fact]
    public async Task An_unknown_version_is_refused_by_the_api_and_by_vz_naming_it()
    {
        await using var silo = await SiloProcess.StartAsync(SiloPort + 1, GatewayPort + 1, postgres: null,
            "silo up", "--VZ_ADMIN_KEY", Key, "--sample", "false");
        using var http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort + 1)}"),
        };
        var read = await http.GetAsync("/api/models/99/rollout");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Contains("No model version 99.", await read.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin(http, HttpMethod.Post, "/api/models/99/gate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/x/rollout")).StatusCode);

        var gateway = $"127.0.0.1:{GatewayPort + 1}";
        var (exit, _, error) = await Vz.RunAsync("rollout", "status", "99", "--gateway", gateway);
        Assert.Equal((1, "No model version 99."), (exit, error.Trim()));
        (exit, _, error) = await Vz.RunAsync("rollout", "gate", "99", "--gateway", gateway);
        Assert.Equal(1, exit);
        Assert.Contains("model version 99 is not registered", error);
        (exit, _, error) = await Vz.RunAsync("rollout", "stage", "99", "--gateway", gateway);
        Assert.Equal(1, exit);
        Assert.Contains("model version 99 is not registered", error);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Admin(http, HttpMethod.Post, "/api/models/99/staging")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Admin(http, HttpMethod.Post, "/api/models/99/canary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/99999999999/live")).StatusCode);
        (exit, _, error) = await Vz.RunAsync("rollout", "canary", "99", "--gateway", gateway);
        Assert.Equal(1, exit);
        Assert.Contains("model version 99 is not registered", error);
        (exit, _, error) = await Vz.RunAsync("models", "live", "two", "--gateway", gateway);
        Assert.Equal(2, exit);
        Assert.Contains("two", error);
        (exit, _, error) = await Vz.RunAsync("rollout", "status", "--gateway", gateway);
        Assert.Equal((1, "No model version is registered yet."), (exit, error.Trim()));
        (exit, _, error) = await Vz.RunAsync("rollout", "gate", "two", "--gateway", gateway);
        Assert.Equal(2, exit);
        Assert.Contains("two", error);
    }

    [Theory]
    [InlineData("Replicates", "5", "Rollout:Gate:Replicates is 5: it must lie from 20 to 10000")]
    [InlineData("Tolerance", "-1", "Rollout:Gate:Tolerance is -1: it must lie from 0 to 0.5")]
    [InlineData("CalibrationBand", "wide", "Rollout:Gate:CalibrationBand: 'wide' is not a number")]
    [InlineData("OnFail", "panic", "Rollout:Gate:OnFail: 'panic' is not one of none, retrain, tune")]
    public async Task Gate_thresholds_out_of_range_stop_the_silo_naming_them(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            SiloPort + 2, GatewayPort + 2, postgres: null, "silo up", "--sample", "false",
            $"--Rollout:Gate:{key}", value));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Theory]
    [InlineData("Rollout:Canary:SoakSeconds", "0", "Rollout:Canary:SoakSeconds is 0: it must lie from 1 to 86400")]
    [InlineData("Rollout:Live:SampleRate", "lots", "Rollout:Live:SampleRate: 'lots' is not a number")]
    [InlineData("Grid:RankingWarmQuiet", "soon", "Grid:RankingWarmQuiet: 'soon' is not a duration such as 00:00:03")]
    [InlineData("Grid:RankingWarmQuiet", "-00:00:01",
        "Grid:RankingWarmQuiet is -00:00:01: it must lie from 00:00:00 to 01:00:00")]
    public async Task Canary_live_and_grid_settings_out_of_range_stop_the_silo_naming_them(
        string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            SiloPort + 2, GatewayPort + 2, postgres: null, "silo up", "--sample", "false", $"--{key}", value));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    private static Task<JsonNode> RunJobAsync(HttpClient http, string path) => AdminHttp.RunJobAsync(http, Key, path);

    private static Task<HttpResponseMessage> Admin(HttpClient http, HttpMethod method, string path) =>
        AdminHttp.SendAsync(http, Key, method, path);

    private static Task<T> WaitForAsync<T>(Func<Task<T?>> probe, Func<string>? context = null) where T : class =>
        AdminHttp.WaitForAsync(probe, context);
}
