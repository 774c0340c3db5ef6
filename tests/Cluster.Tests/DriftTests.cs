using System.Net;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Drift on the embedded default: the version's PSI per feature reads the same over HTTP and with vz, and the daily
/// check, run as a job (admin key) with a threshold the latest day passes, queues a retrain naming the reason and
/// exports the figures at /metrics.
/// </summary>
[Collection(ProcessCollection.Name)]
public class DriftTests
{
    private const string Key = "drift-admin-key-0123456789";

    /// <summary>What the check exports for the Grafana panel.</summary>
    public const string Series = "vz_model_drift_psi";

    [Fact]
    public async Task A_drifted_day_reads_over_http_and_with_vz_and_its_check_queues_a_retrain_naming_why()
    {
        await using var silo = await SiloProcess.StartAsync(31192, 31092, postgres: null, "Grid ready",
            "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0", "--Rollout:Drift:Threshold", "0.01",
            "--Rollout:Gate:AfterTraining", "false");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31192)}") };
        await AdminHttp.FirstModelInProductionAsync(http);

        var drift = JsonNode.Parse(await http.GetStringAsync("/api/models/1/drift"))!;
        var psi = drift["features"]!.AsArray().Select(f => f!["psi"]!.GetValue<double>())
            .Append(drift["predictionPsi"]!.GetValue<double>()).ToList();
        Assert.Equal(0.01, drift["threshold"]!.GetValue<double>());
        Assert.True(drift["drifted"]!.GetValue<bool>(), drift["why"]!.GetValue<string>());
        Assert.Contains(psi, p => p > 0.01);
        Assert.True(drift["rows"]!.GetValue<int>() > 400);
        var (exit, output, error) = await Vz.RunAsync("models", "drift", "--json", "--gateway", "127.0.0.1:31092");
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(drift, JsonNode.Parse(output)), output);
        (exit, output, error) = await Vz.RunAsync("models", "drift", "1", "--gateway", "127.0.0.1:31092");
        Assert.True(exit == 0, error);
        Assert.Contains("past the threshold", output);
        Assert.Contains("DRIFTED: drift on ", output);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/99/drift")).StatusCode);
        (exit, _, error) = await Vz.RunAsync("models", "drift", "99", "--gateway", "127.0.0.1:31092");
        Assert.Equal((1, "No model version 99."), (exit, error.Trim()));
        (exit, _, error) = await Vz.RunAsync("models", "drift", "v1", "--gateway", "127.0.0.1:31092");
        Assert.Equal(2, exit);
        Assert.Contains("v1", error);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/v1/drift")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/models/drift-check", null)).StatusCode);

        var check = await AdminHttp.RunJobAsync(http, Key, "/api/models/drift-check");
        var result = check["result"]!.GetValue<string>();
        Assert.StartsWith(drift["why"]!.GetValue<string>() + "; queued train job ", result);
        var train = result[(result.LastIndexOf(' ') + 1)..];
        var trained = await AdminHttp.WaitForAsync(async () =>
        {
            var status = JsonNode.Parse(await (await AdminHttp.SendAsync(http, Key, HttpMethod.Get,
                $"/api/jobs/{train}")).Content.ReadAsStringAsync())!;
            Assert.NotEqual("Failed", status["state"]!.GetValue<string>());
            return status["state"]!.GetValue<string>() == "Succeeded" ? status : null;
        });
        var version = trained["version"]!.GetValue<int>();
        (exit, output, error) = await Vz.RunAsync(
            "models", "show", version.ToString(), "--gateway", "127.0.0.1:31092");
        Assert.True(exit == 0, error);
        Assert.Contains("drift (version 1 drifted)", output);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains(Series + "{", metrics);
        Assert.Contains("feature=\"prediction\"", metrics);
    }
}
