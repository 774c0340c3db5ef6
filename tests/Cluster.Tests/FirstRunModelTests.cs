using System.Diagnostics;
using System.Text.Json;

namespace VisionZero.Cluster.Tests;

/// <summary>The README's run command again: the first model trains itself, and vz manages versions.</summary>
[Collection(ProcessCollection.Name)]
public class FirstRunModelTests
{
    private const string Gateway = "127.0.0.1:31011";

    [Fact]
    public async Task The_first_run_trains_and_serves_a_model_and_vz_trains_promotes_and_rolls_back()
    {
        await using var silo = await SiloProcess.StartAsync(31121, 31011, postgres: null, readyText: "Grid ready");
        var models = await WaitForAsync(async () =>
        {
            var (code, output, _) = await Vz.RunAsync("models", "--json", "--gateway", Gateway);
            var list = code == 0 ? JsonDocument.Parse(output).RootElement : default;
            return list.ValueKind == JsonValueKind.Array
                && list.GetArrayLength() > 0
                && list[0].GetProperty("stage").GetString() == "production"
                    ? list
                    : (JsonElement?)null;
        });
        Assert.Equal(1, models[0].GetProperty("version").GetInt32());
        Assert.InRange(models[0].GetProperty("metrics").GetProperty("capture5").GetDouble(), 0.3, 1);
        Assert.True(models[0].GetProperty("metrics").GetProperty("baselines").TryGetProperty("forest", out _));

        var top = await WaitForAsync(async () =>
        {
            var (_, output, _) = await Vz.RunAsync("top", "--k", "3", "--json", "--gateway", Gateway);
            var list = JsonDocument.Parse(output).RootElement;
            return list[0].GetProperty("modelVersion").ValueKind == JsonValueKind.Number ? list : (JsonElement?)null;
        });
        Assert.Contains(top[0].GetProperty("riskClass").GetString(), new[] { "Dangerous", "Somewhat Dangerous" });
        Assert.True(top[0].GetProperty("riskScore").GetDouble() >= top[1].GetProperty("riskScore").GetDouble());
        Assert.Equal(5, top[0].GetProperty("probabilities").EnumerateObject().Count());

        var (backtestCode, backtest, backtestError) = await Vz.RunAsync(
            "backtest", "--cutoff", "2021-05-01", "--json", "--gateway", Gateway);
        Assert.True(backtestCode == 0, backtestError);
        var report = JsonDocument.Parse(backtest).RootElement;
        Assert.Equal("2021-05-01", report.GetProperty("cutoff").GetString());
        Assert.Equal(new[] { "model", "last-6m", "last-1y", "last-5y", "forest", "windows-model" },
            report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray());
        foreach (var field in new[]
                 {
                     "capture1", "capture5", "capture10", "macroF1",
                     "accuracy", "mae", "poissonDeviance", "calibration",
                 })
            Assert.Equal(JsonValueKind.Number, report.GetProperty("results")[0].GetProperty(field).ValueKind);

        var (rollbackCode, _, rollbackError) = await Vz.RunAsync("rollback", "--gateway", Gateway);
        Assert.Equal(2, rollbackCode);
        Assert.Contains("nothing to roll back to", rollbackError);

        var (trainCode, trained, trainError) = await Vz.RunAsync("train", "--wait", "--json", "--gateway", Gateway);
        Assert.True(trainCode == 0, trainError);
        var second = JsonDocument.Parse(trained).RootElement;
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal("candidate", second.GetProperty("stage").GetString());

        // The training's own gate may still be running: vz rollout gate --wait joins it (or judges again).
        var (gateCode, gated, gateError) = await Vz.RunAsync("rollout", "gate", "2", "--wait", "--gateway", Gateway);
        Assert.True(gateCode == 0, gateError);
        Assert.Contains("version 2 passed the offline gate", gated);
        Assert.Equal(0, (await Vz.RunAsync(
            "promote", "2", "--to", "production", "--why", "better", "--gateway", Gateway)).ExitCode);
        await WaitForAsync(async () => await ServedVersionAsync() == 2 ? true : (bool?)null);
        Assert.Equal(0, (await Vz.RunAsync("rollback", "--gateway", Gateway)).ExitCode);
        await WaitForAsync(async () => await ServedVersionAsync() == 1 ? true : (bool?)null);

        var missing = await Vz.RunAsync("promote", "99", "--to", "production", "--gateway", Gateway);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("99", missing.Err);
        var badStage = await Vz.RunAsync("promote", "1", "--to", "live", "--gateway", Gateway);
        Assert.Equal(2, badStage.ExitCode);
        Assert.Contains("--to must be one of", badStage.Err);
    }

    [Fact]
    public async Task A_training_job_on_an_empty_grid_fails_saying_why_and_answers_stay_without_risk()
    {
        await using var silo = await SiloProcess.StartAsync(
            31122, 31012, postgres: null, "silo up", "--sample", "false");
        var (code, _, error) = await Vz.RunAsync("train", "--wait", "--gateway", "127.0.0.1:31012");
        Assert.Equal(4, code);
        Assert.Contains("no crash has been ingested yet", error);
        var (modelsCode, models, _) = await Vz.RunAsync("models", "--json", "--gateway", "127.0.0.1:31012");
        Assert.Equal(0, modelsCode);
        Assert.Equal(0, JsonDocument.Parse(models).RootElement.GetArrayLength());
        var (_, top, _) = await Vz.RunAsync("top", "--json", "--gateway", "127.0.0.1:31012");
        Assert.Equal(0, JsonDocument.Parse(top).RootElement.GetArrayLength());
    }

    private static async Task<int?> ServedVersionAsync()
    {
        var (_, output, _) = await Vz.RunAsync(
            "intersection", "avenue-u--flatbush-avenue", "--json", "--gateway", Gateway);
        var json = JsonDocument.Parse(output).RootElement.GetProperty("modelVersion");
        return json.ValueKind == JsonValueKind.Number ? json.GetInt32() : null;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : struct
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
                return value;
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "timed out waiting");
            await Task.Delay(500);
        }
    }
}
