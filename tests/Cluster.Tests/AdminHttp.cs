using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>The rollout tests' HTTP side: admin requests, a job followed to its end, and patient polling.</summary>
internal static class AdminHttp
{
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string key, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }

    /// <summary>Queues a job (202) and waits until it succeeded; a failed job fails the test.</summary>
    public static async Task<JsonNode> RunJobAsync(HttpClient http, string key, string path)
    {
        var queued = await SendAsync(http, key, HttpMethod.Post, path);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = JsonNode.Parse(await queued.Content.ReadAsStringAsync())!["job"]!.GetValue<string>();
        return await WaitForAsync(async () =>
        {
            var status = JsonNode.Parse(await (await SendAsync(http, key, HttpMethod.Get, $"/api/jobs/{job}"))
                .Content.ReadAsStringAsync())!;
            var state = status["state"]!.GetValue<string>();
            Assert.NotEqual("Failed", state);
            return state == "Succeeded" ? status : null;
        });
    }

    /// <summary>Polls until the probe answers; a timeout says what <paramref name="context"/> (a silo's log) shows.
    /// </summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, Func<string>? context = null) where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
                return value;
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(4),
                "timed out waiting" + (context is null ? "" : "; the silo's log:\n" + context()));
            await Task.Delay(300);
        }
    }

    /// <summary>Waits for the first model, which goes to production by itself on a fresh embedded silo.</summary>
    public static Task<JsonNode> FirstModelInProductionAsync(HttpClient http) => WaitForAsync(async () =>
        JsonNode.Parse(await http.GetStringAsync("/api/models"))!.AsArray() is [{ } first, ..]
        && first["stage"]!.GetValue<string>() == "production" ? first : null);

    public static async Task<string> StageAsync(HttpClient http, int version) =>
        JsonNode.Parse(await http.GetStringAsync($"/api/models/{version}"))!["stage"]!.GetValue<string>();
}
