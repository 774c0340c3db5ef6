using System.Net;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// The feedback loop on the embedded default: answers served as of a day whose 182 days have passed on the data
/// clock are kept and joined with what happened at their corners; the version's live accuracy reads the same over
/// HTTP and with vz, beside its backtest; the check runs as a job (admin key) and says what it found.
/// </summary>
[Collection(ProcessCollection.Name)]
public class LiveAccuracyTests
{
    private const string Key = "live-admin-key-0123456789";

    /// <summary>What the check exports for the Grafana panel.</summary>
    public static readonly string[] Series =
        ["vz_model_live_capture5", "vz_model_backtest_capture5", "vz_model_live_macro_f1", "vz_model_live_matured"];

    [Fact]
    public async Task Matured_served_predictions_give_live_accuracy_over_http_and_with_vz()
    {
        await using var silo = await SiloProcess.StartAsync(31189, 31089, postgres: null, "Grid ready",
            "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0", "--Rollout:Live:SampleRate", "1",
            "--Rollout:Canary:AfterStaging", "false");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31189)}") };
        await AdminHttp.FirstModelInProductionAsync(http);
        var nothing = JsonNode.Parse(await http.GetStringAsync("/api/models/1/live"))!;
        Assert.Equal(0, nothing["matured"]!.GetValue<int>());
        Assert.Null(nothing["capture5"]);

        // A hotspot list as of a day long past scores every corner as of that day.
        // (Asked until this silo has loaded the model: answers without one are not predictions.)
        var top = await AdminHttp.WaitForAsync(async () =>
            JsonNode.Parse(await http.GetStringAsync("/api/intersections/top?k=20&asOf=2020-11-01"))!.AsArray()
                is [{ } first, ..] list && first["modelVersion"]?.GetValue<int?>() == 1 ? list : null);
        Assert.Equal(20, top.Count);
        var live = await AdminHttp.WaitForAsync(async () =>
            JsonNode.Parse(await http.GetStringAsync("/api/models/1/live")) is { } l
            && l["matured"]!.GetValue<int>() >= 200 ? l : null);

        Assert.Equal(1, live["version"]!.GetValue<int>());
        Assert.True(live["logged"]!.GetValue<int>() >= live["matured"]!.GetValue<int>());
        Assert.InRange(live["capture5"]!.GetValue<double>(), 0.05, 1);
        Assert.InRange(live["macroF1"]!.GetValue<double>(), 0, 1);
        Assert.InRange(live["calibration"]!.GetValue<double>(), 0.2, 5);
        Assert.NotNull(live["backtestCapture5"]);
        var (exit, output, error) = await Vz.RunAsync("models", "live", "1", "--json", "--gateway", "127.0.0.1:31089");
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(live, JsonNode.Parse(output)), output);
        (exit, output, error) = await Vz.RunAsync("models", "live", "--gateway", "127.0.0.1:31089");
        Assert.True(exit == 0, error);
        Assert.StartsWith($"Model version 1: {live["matured"]} matured of ", output);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/99/live")).StatusCode);
        (exit, _, error) = await Vz.RunAsync("models", "live", "99", "--gateway", "127.0.0.1:31089");
        Assert.Equal((1, "No model version 99."), (exit, error.Trim()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/models/live-check", null)).StatusCode);
        var check = await AdminHttp.RunJobAsync(http, Key, "/api/models/live-check");
        Assert.StartsWith("live accuracy of version 1 ", check["result"]!.GetValue<string>());
        var metrics = await http.GetStringAsync("/metrics");
        Assert.All(Series, name => Assert.Contains(name, metrics));
    }
}
