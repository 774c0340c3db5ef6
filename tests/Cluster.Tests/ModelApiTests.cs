using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>The registry over HTTP: public reads, and admin writes that refuse anyone without the key.</summary>
[Collection(ProcessCollection.Name)]
public class ModelApiTests
{
    private const string Key = "model-admin-key-0123456789";

    [Fact]
    public async Task Versions_are_public_and_training_promotion_rollback_and_replay_need_the_admin_key()
    {
        await using var silo = await SiloProcess.StartAsync(31142, 31032, postgres: null, "Grid ready",
            "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31142)}") };
        var models = await WaitForAsync(async () =>
        {
            var list = JsonNode.Parse(await http.GetStringAsync("/api/models"))!.AsArray();
            return list.Count > 0 && list[0]!["stage"]!.GetValue<string>() == "production" ? list : null;
        });
        Assert.Equal(1, models[0]!["version"]!.GetValue<int>());
        var one = JsonNode.Parse(await http.GetStringAsync("/api/models/1"))!;
        Assert.NotEmpty(one["backtests"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/99")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/models/train", null)).StatusCode);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await Admin(http, HttpMethod.Post, "/api/models/train", "wrong-key-0123456789")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/models/rollback", null)).StatusCode);
        Assert.Single(JsonNode.Parse(await http.GetStringAsync("/api/models"))!.AsArray());

        var done = await RunJobAsync(http, "/api/models/train");
        Assert.Equal("Succeeded", done["state"]!.GetValue<string>());
        Assert.Equal(2, done["version"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/ingest/replay", null)).StatusCode);
        var replayed = await RunJobAsync(http, "/api/ingest/replay");
        // The embedded store keeps no raw records: the job succeeds and says there was nothing to replay.
        Assert.Equal("no abandoned run has stored records left to replay", replayed["result"]!.GetValue<string>());

        var bad = await Admin(http, HttpMethod.Post, "/api/models/2/promote?stage=live", Key);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey("stage"));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await Admin(http, HttpMethod.Post, "/api/models/99/promote?stage=production", Key)).StatusCode);
        var unsure = await Admin(http, HttpMethod.Post, "/api/models/2/promote?stage=production&force=yes", Key);
        Assert.Equal(HttpStatusCode.BadRequest, unsure.StatusCode);
        Assert.Contains("force must be exactly true or false", await unsure.Content.ReadAsStringAsync());
        // Its offline gate may still be running: forced, as an operator in a hurry would.
        var promotion = await Admin(
            http, HttpMethod.Post, "/api/models/2/promote?stage=production&why=better&force=true", Key);
        var promoted = JsonNode.Parse(await promotion.Content.ReadAsStringAsync())!;
        Assert.Equal("production", promoted["stage"]!.GetValue<string>());
        var rolledBack = await Admin(http, HttpMethod.Post, "/api/models/rollback", Key);
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await rolledBack.Content.ReadAsStringAsync())!["version"]!.GetValue<int>());
        var stages = JsonNode.Parse(await http.GetStringAsync("/api/models"))!.AsArray()
            .ToDictionary(v => v!["version"]!.GetValue<int>(), v => v!["stage"]!.GetValue<string>());
        Assert.Equal("production", stages[1]);
        Assert.Equal("archived", stages[2]);
    }

    [Theory]
    [InlineData("staging,canary")]
    [InlineData("Production,Archived")]
    [InlineData("3")]
    public async Task Vz_promote_refuses_anything_but_one_known_stage_before_connecting(string stage)
    {
        var (exit, _, error) = await Vz.RunAsync("promote", "1", "--to", stage, "--gateway", "127.0.0.1:27599");
        Assert.Equal(2, exit);
        Assert.Contains("candidate, staging, canary, production, archived", error);
    }

    /// <summary>Queues a job with the admin key (202 expected) and follows it at its address to its end.</summary>
    private static async Task<JsonNode> RunJobAsync(HttpClient http, string path)
    {
        var queued = await Admin(http, HttpMethod.Post, path, Key);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = JsonNode.Parse(await queued.Content.ReadAsStringAsync())!["job"]!.GetValue<string>();
        Assert.Equal($"/api/jobs/{job}", queued.Headers.Location?.OriginalString);
        var done = await WaitForAsync(async () =>
        {
            var answer = await Admin(http, HttpMethod.Get, $"/api/jobs/{job}", Key);
            var status = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            return status["state"]!.GetValue<string>() is "Succeeded" or "Failed" ? status : null;
        });
        // Where jobs were first followed answers the same.
        var old = await Admin(http, HttpMethod.Get, $"/api/models/jobs/{job}", Key);
        Assert.Equal(
            done["state"]!.GetValue<string>(),
            JsonNode.Parse(await old.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        return done;
    }

    private static Task<HttpResponseMessage> Admin(HttpClient http, HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
                return value;
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "timed out waiting");
            await Task.Delay(300);
        }
    }
}
