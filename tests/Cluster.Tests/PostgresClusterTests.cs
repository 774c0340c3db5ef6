using System.Text.Json;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Real silo processes on PostgreSQL (ADO.NET clustering, storage and the crash store), driven by vz:
/// one silo and a two-silo cluster must give the same answers, and state must outlive the silo.
/// </summary>
[Collection(ProcessCollection.Name)]
public class PostgresClusterTests : IAsyncLifetime
{
    private static readonly string[] Intersections =
        ["FLATBUSH AVE & AVENUE U", "Ralph Avenue & Flatlands Avenue", "avenue-v--flatbush-avenue"];
    private TestDatabase _one = null!;
    private TestDatabase _two = null!;

    public async Task InitializeAsync()
    {
        _one = await TestDatabase.CreateAsync();
        _two = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    private static async Task<List<string>> AnswersAsync(params string[] cluster)
    {
        var answers = new List<string>();
        foreach (var corner in Intersections)
            answers.Add(await JsonOf(["intersection", corner, "--json", .. cluster]));
        answers.Add(await JsonOf(["intersection", Intersections[0], "--as-of", "2016-03-01", "--json", .. cluster]));
        answers.Add(await JsonOf(["top", "--k", "40", "--json", .. cluster]));
        answers.Add(await JsonOf(["near", "40.6098", "-73.9225", "--radius-m", "600", "--json", .. cluster]));
        return answers;
    }

    private static async Task<string> JsonOf(string[] args)
    {
        var (code, output, error) = await Vz.RunAsync(args);
        Assert.True(code == 0, $"vz {string.Join(' ', args)} exited {code}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetRawText();
    }

    [Fact]
    public async Task Two_silos_answer_exactly_like_one_and_state_survives_restarts()
    {
        var primary = SharedData.Crashes(SharedData.Primary);
        List<string> single;
        await using (var silo = await SiloProcess.StartAsync(31111, 31000, _one.ConnectionString))
        {
            var (code, output, error) = await Vz.RunAsync("ingest", primary, "--json", "--gateway", "127.0.0.1:31000");
            Assert.True(code == 0, error);
            var summary = JsonDocument.Parse(output).RootElement;
            foreach (var field in new[]
                     {
                         "read", "accepted", "duplicates", "rejected", "rejectedByReason", "unmatched",
                     })
                Assert.True(summary.TryGetProperty(field, out _), $"summary lacks {field}: {output}");
            Assert.Equal(15_753, summary.GetProperty("read").GetInt64());
            single = await AnswersAsync("--gateway", "127.0.0.1:31000");
            await silo.StopAsync();
        }

        await using (var restarted = await SiloProcess.StartAsync(31111, 31000, _one.ConnectionString))
            Assert.Equal(single, await AnswersAsync("--gateway", "127.0.0.1:31000"));

        await using var first = await SiloProcess.StartAsync(31112, 31001, _two.ConnectionString);
        await using var second = await SiloProcess.StartAsync(31113, 31002, _two.ConnectionString);
        var ingest = await Vz.RunAsync("ingest", primary, "--json", "--postgres", _two.ConnectionString);
        Assert.True(ingest.ExitCode == 0, ingest.Err);
        Assert.Equal(single, await AnswersAsync("--postgres", _two.ConnectionString));
        Assert.Equal(single, await AnswersAsync("--gateway", "127.0.0.1:31002"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_crash_export_is_refused_and_leaves_no_trace()
    {
        await using var silo = await SiloProcess.StartAsync(31114, 31003, _one.ConnectionString);
        var weather = Path.Combine(SharedData.RepositoryRoot, "..", "shared", "data", "weather",
            "central_park_USW00094728_daily_2009-01-01_to_2024-02-29.csv");
        var (code, _, error) = await Vz.RunAsync("ingest", weather, "--gateway", "127.0.0.1:31003");
        Assert.Equal(2, code);
        Assert.Contains("missing column(s) COLLISION_ID, ON STREET NAME, CROSS STREET NAME", error);
        Assert.Contains("nothing of it was ingested", error);
        Assert.Equal(0, await _one.ScalarAsync("SELECT count(*) FROM vz_ingest_run"));
        Assert.Equal(0, await _one.ScalarAsync("SELECT count(*) FROM vz_crash"));
    }
}

[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "silo processes";
}
