using System.Text.Json.Nodes;
using Npgsql;
using static VisionZero.Cluster.Tests.AdminHttp;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A silo killed (SIGKILL) while it runs a candidate's canary soak, on a two-silo cluster on PostgreSQL: the other
/// silo takes the job up again once the dead one stops renewing it, resumes the soak and ends the pipeline; there is
/// never more than one version in production, and no line of the history written before the kill is lost.
/// </summary>
[Collection(ProcessCollection.Name)]
public class PipelineKillTests
{
    private const string Key = "pipeline-kill-key-0123456789";

    private static readonly string[] Settings =
    [
        "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0", "--Rollout:Staging:Seconds", "2",
        "--Rollout:Canary:MinAnswers", "20", "--Rollout:Canary:P99Ratio", "20", "--Rollout:Canary:SoakSeconds", "15",
        "--Jobs:InvisibilityTimeout", "00:00:15",
    ];

    [Fact]
    public async Task A_silo_killed_during_the_soak_hands_the_pipeline_on_and_one_version_stays_in_production()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var a = await SiloProcess.StartAsync(31187, 31087, database.ConnectionString, "silo up", Settings);
        await using var b = await SiloProcess.StartAsync(31188, 31088, database.ConnectionString, "silo up", Settings);
        var (exit, _, error) = await Vz.RunAsync(
            "ingest", SharedData.Crashes(SharedData.Primary), "--gateway", "127.0.0.1:31087");
        Assert.True(exit == 0, error);
        using var httpA = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31187)}") };
        using var httpB = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31188)}") };
        await AdminHttp.RunJobAsync(httpA, Key, "/api/models/train");
        var second = await AdminHttp.RunJobAsync(httpA, Key, "/api/models/train");
        Assert.Equal(2, second["version"]!.GetValue<int>());
        await AdminHttp.WaitForAsync(async () => await StageAsync(httpA, 2) == "canary" ? "" : null);

        var runner = await SoakRunnerAsync(database);
        Assert.True(runner == a.ProcessId || runner == b.ProcessId, $"the soak runs in process {runner}");
        var (dying, survivor) = runner == a.ProcessId ? (a, httpB) : (b, httpA);
        var before = await HistoryAsync(database);
        dying.Kill();

        // Until the cluster has declared the dead silo dead, calls to grains it held fail: asked again.
        var steps = await AdminHttp.WaitForAsync(async () =>
        {
            var answer = await survivor.GetAsync("/api/models/2/rollout");
            return answer.IsSuccessStatusCode
                   && JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["steps"]!.AsArray() is { } s
                   && s.Any(step => step!["step"]!.GetValue<string>() == "canary")
                ? s
                : null;
        });
        var canary = steps.Single(s => s!["step"]!.GetValue<string>() == "canary")!;
        Assert.Equal("passed", canary["verdict"]!.GetValue<string>());
        Assert.Contains("resumed (it was already the canary: the soak starts over)",
            canary["why"]!.GetValue<string>());
        Assert.Equal(("production", "archived"), (await StageAsync(survivor, 2), await StageAsync(survivor, 1)));
        Assert.Equal(1, await database.ScalarAsync(
            "select count(*) from vz_model_version where stage = 'production'"));
        var after = await HistoryAsync(database);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Contains("2 canary->production", after.Skip(before.Count));
    }

    /// <summary>The process of the Hangfire server running the canary job (its server id is host:pid:guid).</summary>
    private static async Task<int> SoakRunnerAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select s.data::text from hangfire.job j join hangfire.state s on s.id = j.stateid " +
            "where j.statename = 'Processing' and j.invocationdata::text like '%\"Canary\"%'", connection);
        var data = (string?)await command.ExecuteScalarAsync()
            ?? throw new InvalidOperationException("no canary job is processing");
        var server = JsonNode.Parse(data)!["ServerId"]!.GetValue<string>();
        return int.Parse(server.Split(':')[1]);
    }

    /// <summary>Every stage change, oldest first, as "version from->to".</summary>
    private static async Task<List<string>> HistoryAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select version, coalesce(from_stage, ''), to_stage from vz_model_stage_change order by id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add($"{reader.GetInt32(0)} {reader.GetString(1)}->{reader.GetString(2)}");
        return lines;
    }

}
