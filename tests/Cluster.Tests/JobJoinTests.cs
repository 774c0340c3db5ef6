using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Jobs that collide, as operators meet them on a fresh embedded silo: `vz train` while the first model trains in
/// the background follows that job, and a second POST while a training runs answers 202 with it.
/// </summary>
[Collection(ProcessCollection.Name)]
public class JobJoinTests
{
    private const string Key = "job-join-admin-key-0123456789";
    private const int SiloPort = 26431;
    private const string Gateway = "127.0.0.1:26331";

    [Fact]
    public async Task Vz_train_twice_during_the_first_run_training_follows_it_and_a_second_post_gets_the_same_job()
    {
        await using var silo = await SiloProcess.StartAsync(SiloPort, 26331, postgres: null,
            "Training the first risk model from the sample (job", "--VZ_ADMIN_KEY", Key,
            "--VZ_RATE_LIMIT_PER_SECOND", "0");
        var runs = await Task.WhenAll(
            Vz.RunAsync("train", "--wait", "--gateway", Gateway),
            Vz.RunAsync("train", "--wait", "--json", "--gateway", Gateway));
        foreach (var (code, _, error) in runs)
        {
            Assert.True(code == 0, error);
            Assert.DoesNotContain("lock", error);
        }
        var (_, text, _) = runs[0];
        Assert.Contains("Training job 1 is already ", text);
        Assert.Contains("(started by first run); following it.", text);
        Assert.Contains("Job 1 registered model version 1 (production).", text);
        var (_, json, notice) = runs[1];
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("version").GetInt32());
        Assert.Contains("Training job 1 is already ", notice);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort)}") };
        var posts = await Task.WhenAll(Admin(http, HttpMethod.Post, "/api/models/train"),
            Admin(http, HttpMethod.Post, "/api/models/train"));
        Assert.All(posts, post => Assert.Equal(HttpStatusCode.Accepted, post.StatusCode));
        var bodies = await Task.WhenAll(posts.Select(async p => JsonNode.Parse(await p.Content.ReadAsStringAsync())!));
        var job = Assert.Single(bodies.Select(b => b["job"]!.GetValue<string>()).Distinct());
        Assert.All(posts, post => Assert.Equal($"/api/jobs/{job}", post.Headers.Location?.OriginalString));
        Assert.Equal([false, true], bodies.Select(b => b["joined"]!.GetValue<bool>()).Order());
        Assert.All(bodies, b => Assert.Equal("api (admin key)", b["startedBy"]!.GetValue<string>()));
        var done = await FollowAsync(http, job);
        Assert.Equal(2, done["version"]!.GetValue<int>());

        // A finished job is not joined: vz starts a new one and says nothing of joining.
        var (againCode, again, againError) = await Vz.RunAsync("train", "--wait", "--gateway", Gateway);
        Assert.True(againCode == 0, againError);
        Assert.DoesNotContain("already", again + againError);
        Assert.Matches(@"^Job \d+ registered model version 3 \(candidate\)\.", again);
        Assert.DoesNotContain($"Job {job} ", again);

        // Following a job still refuses what is no job id, saying what one looks like.
        var bad = await Admin(http, HttpMethod.Get, "/api/jobs/1;drop");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id must be a job id as queueing answered it", await bad.Content.ReadAsStringAsync());
        var missing = await Admin(http, HttpMethod.Get, "/api/jobs/999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No job 999.", await missing.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> FollowAsync(HttpClient http, string job)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var answer = await Admin(http, HttpMethod.Get, $"/api/jobs/{job}");
            var status = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            if (status["state"]!.GetValue<string>() is "Succeeded" or "Failed")
                return status;
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), "timed out waiting for job " + job);
            await Task.Delay(300);
        }
    }

    private static Task<HttpResponseMessage> Admin(HttpClient http, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return http.SendAsync(request);
    }
}
