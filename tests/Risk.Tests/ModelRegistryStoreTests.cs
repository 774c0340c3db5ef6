using System.Security.Cryptography;
using System.Text;
using VisionZero.Grains.Models;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

/// <summary>The registry store's contract, run against every store: they must behave the same.</summary>
public abstract partial class ModelRegistryStoreTests : IAsyncLifetime
{
    protected IModelRegistryStore Store { get; private set; } = null!;

    /// <summary>A store with no versions.</summary>
    protected abstract Task<IModelRegistryStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private Task<ModelVersionInfo> AddAsync(byte[]? artifact = null, string by = "ci", string why = "nightly") =>
        Store.AddAsync(ModelDrafts.Sample(), artifact ?? [1, 2, 3], by, why);

    private async Task<ModelStage> StageOf(int version) => (await Store.GetAsync(version))!.Stage;

    [Fact]
    public async Task Versions_are_numbered_1_2_3_in_order_and_listed_newest_first()
    {
        var added = new[] { await AddAsync(), await AddAsync(), await AddAsync() };
        Assert.Equal([1, 2, 3], added.Select(a => a.Version));
        Assert.Equal([3, 2, 1], (await Store.ListAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task A_new_version_is_a_candidate_with_one_history_line_from_nothing()
    {
        var added = await AddAsync(by: "trainer", why: "weekly retrain");
        Assert.Equal(ModelStage.Candidate, added.Stage);
        var stored = await Store.GetAsync(1);
        Assert.Equal((added.Version, added.Stage, added.CreatedAt, added.Sha256, added.SizeBytes),
            (stored!.Version, stored.Stage, stored.CreatedAt, stored.Sha256, stored.SizeBytes));
        var line = Assert.Single(await Store.HistoryAsync());
        Assert.Equal(
            new StageChange(1, null, ModelStage.Candidate, "trainer", added.CreatedAt, "weekly retrain"),
            line);
    }

    [Fact]
    public async Task Registrations_at_once_get_distinct_versions()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => AddAsync([(byte)i]))));
        Assert.Equal(Enumerable.Range(1, 10), added.Select(a => a.Version).Order());
    }

    [Fact]
    public async Task The_sha256_is_the_lower_case_hex_hash_of_the_artifact()
    {
        var known = await AddAsync("abc"u8.ToArray());
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", known.Sha256);

        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        using var sha = SHA256.Create();
        var expected = string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2")));
        var added = await AddAsync(bytes);
        Assert.Equal(expected, added.Sha256);
        Assert.Equal(bytes.Length, added.SizeBytes);
        Assert.Equal(expected, (await Store.GetAsync(added.Version))!.Sha256);
    }

    [Fact]
    public async Task Promoting_to_production_archives_the_previous_production_with_both_history_lines()
    {
        await AddAsync();
        await AddAsync();
        await Store.SetStageAsync(1, ModelStage.Production, "alice", "first model");
        await Store.SetStageAsync(2, ModelStage.Canary, "bob", "try it");
        await Store.SetStageAsync(2, ModelStage.Production, "bob", "better capture@5");

        Assert.Equal(ModelStage.Archived, await StageOf(1));
        Assert.Equal(ModelStage.Production, await StageOf(2));
        var last = (await Store.HistoryAsync())[^2..];
        Assert.Equal(
            (1, ModelStage.Production, ModelStage.Archived, "bob"),
            (last[0].Version, last[0].From, last[0].To, last[0].By));
        Assert.Equal("replaced by version 2: better capture@5", last[0].Why);
        Assert.Equal((2, ModelStage.Canary, ModelStage.Production, "bob", "better capture@5"),
            (last[1].Version, last[1].From, last[1].To, last[1].By, last[1].Why));
        Assert.Equal(last[0].At, last[1].At);
    }

    [Fact]
    public async Task Only_one_version_is_in_production_at_a_time()
    {
        await AddAsync();
        await AddAsync();
        await AddAsync();
        foreach (var version in new[] { 1, 2, 3, 1 })
        {
            await Store.SetStageAsync(version, ModelStage.Production, "ops", "rotate");
            var production = Assert.Single(await Store.ListAsync(), v => v.Stage == ModelStage.Production);
            Assert.Equal(version, production.Version);
        }
        Assert.Equal(
            [ModelStage.Archived, ModelStage.Archived],
            (await Store.ListAsync()).Where(v => v.Version != 1).Select(v => v.Stage));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(42)]
    public async Task Changing_the_stage_of_an_unknown_version_throws_KeyNotFoundException_naming_it(int version)
    {
        await AddAsync();
        await Store.SetStageAsync(1, ModelStage.Production, "ops", "go");
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(
            () => Store.SetStageAsync(version, ModelStage.Production, "ops", "typo"));
        Assert.Contains(version.ToString(), error.Message);
        Assert.Equal(ModelStage.Production, await StageOf(1));
        Assert.Equal(2, (await Store.HistoryAsync()).Length);
    }

    [Fact]
    public async Task An_unknown_version_reads_as_null()
    {
        await AddAsync();
        Assert.Null(await Store.GetAsync(2));
        Assert.Null(await Store.GetArtifactAsync(2));
        Assert.Empty(await Store.HistoryAsync(2));
    }

    [Fact]
    public async Task Setting_the_stage_a_version_already_has_adds_no_history_line()
    {
        await AddAsync();
        await Store.SetStageAsync(1, ModelStage.Candidate, "ops", "again");
        await Store.SetStageAsync(1, ModelStage.Production, "ops", "go");
        await Store.SetStageAsync(1, ModelStage.Production, "ops", "go again");
        Assert.Equal([ModelStage.Candidate, ModelStage.Production], (await Store.HistoryAsync()).Select(c => c.To));
    }

    [Fact]
    public async Task History_is_oldest_first_and_filtered_by_version()
    {
        await AddAsync();
        await AddAsync();
        await Store.SetStageAsync(1, ModelStage.Staging, "ops", "a");
        await Store.SetStageAsync(2, ModelStage.Staging, "ops", "b");
        await Store.SetStageAsync(1, ModelStage.Canary, "ops", "c");
        await Store.SetStageAsync(1, ModelStage.Production, "ops", "d");

        var all = await Store.HistoryAsync();
        Assert.Equal(
            [(1, "nightly"), (2, "nightly"), (1, "a"), (2, "b"), (1, "c"), (1, "d")],
            all.Select(c => (c.Version, c.Why)));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.At <= p.Second.At));
        var first = await Store.HistoryAsync(1);
        Assert.Equal([null, ModelStage.Candidate, ModelStage.Staging, ModelStage.Canary], first.Select(c => c.From));
        Assert.Equal(
            [ModelStage.Candidate, ModelStage.Staging, ModelStage.Canary, ModelStage.Production],
            first.Select(c => c.To));
        Assert.All(first, c => Assert.Equal(1, c.Version));
    }

    [Fact]
    public async Task An_artifact_round_trips_byte_exact()
    {
        var large = new byte[5 * 1024 * 1024];
        new Random(2024).NextBytes(large);
        var everyByte = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        foreach (var artifact in new[] { large, everyByte, [] })
        {
            var added = await AddAsync(artifact);
            Assert.Equal(artifact.Length, added.SizeBytes);
            var read = await Store.GetArtifactAsync(added.Version);
            Assert.True(artifact.AsSpan().SequenceEqual(read), $"artifact of {artifact.Length} bytes changed");
        }
    }

    [Fact]
    public async Task Details_round_trip_with_thresholds_backtests_parameters_and_dates()
    {
        var draft = ModelDrafts.Sample();
        var added = await Store.AddAsync(draft, [1], "ci", "nightly");
        ModelDrafts.AssertSame(draft, added.Details);
        ModelDrafts.AssertSame(draft, (await Store.GetAsync(1))!.Details);
        ModelDrafts.AssertSame(draft, Assert.Single(await Store.ListAsync()).Details);
        Assert.True(double.IsNaN((await Store.GetAsync(1))!.Details.Backtests[0].Results[1].MacroF1));
    }

    [Fact]
    public async Task Nul_characters_inside_the_details_are_replaced_rather_than_refused()
    {
        var draft = ModelDrafts.Sample("fast\0tree") with
        {
            Parameters = ModelDrafts.Sample().Parameters.Add("key\0", "value\0"),
        };
        var stored = (await Store.AddAsync(draft, [1], "ci", "nightly")).Details;
        Assert.Equal("fast\uFFFDtree", stored.Trainer);
        Assert.Equal("value\uFFFD", stored.Parameters["key\uFFFD"]);
    }

    [Fact]
    public async Task Hostile_strings_in_by_and_why_are_stored_safely()
    {
        string[] hostile =
        [
            "a\0b\0", "it's \"quoted\" \\ back\\slash", "'; DROP TABLE vz_model_version; --", "$1 %s {0} \r\n\t",
            "🚦 emoji 🚗💥", "zero\u200Bwidth", new string('x', 10_000),
        ];
        await AddAsync();
        foreach (var text in hostile)
        {
            await Store.SetStageAsync(1, ModelStage.Staging, text, text);
            await Store.SetStageAsync(1, ModelStage.Candidate, text, text);
        }
        await AddAsync(by: "\0", why: "'); DELETE FROM vz_model_stage_change; --");

        var lines = (await Store.HistoryAsync(1)).Skip(1).ToArray();
        Assert.Equal(hostile.Length * 2, lines.Length);
        foreach (var (line, text) in lines.Zip(hostile.SelectMany(h => new[] { h, h })))
        {
            var expected = text[..Math.Min(text.Length, ModelText.MaxLength)].Replace('\0', '\uFFFD');
            Assert.Equal((expected, expected), (line.By, line.Why));
        }
        Assert.Equal(2, (await Store.ListAsync()).Length);
        Assert.Equal("\uFFFD", (await Store.HistoryAsync(2))[0].By);
    }

    [Fact]
    public async Task A_long_reason_is_cut_without_splitting_a_character()
    {
        var why = "x" + string.Concat(Enumerable.Repeat("🚦", 5_000)) + "\uD800 lone surrogate";
        await AddAsync(why: why);
        var stored = (await Store.HistoryAsync(1))[0].Why;
        Assert.Equal(ModelText.MaxLength - 1, stored.Length);
        Assert.StartsWith(stored, why, StringComparison.Ordinal);
        Assert.Equal(stored, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(stored)));

        await Store.SetStageAsync(1, ModelStage.Staging, "lone \uDC00 surrogate", "ok");
        Assert.Equal("lone \uFFFD surrogate", (await Store.HistoryAsync(1))[1].By);
    }

    [Fact]
    public async Task Mutating_the_array_passed_in_or_returned_does_not_change_the_stored_artifact()
    {
        byte[] artifact = [1, 2, 3, 4];
        await AddAsync(artifact);
        artifact[0] = 99;
        var read = await Store.GetArtifactAsync(1);
        Assert.Equal([1, 2, 3, 4], read!);
        read![1] = 99;
        Assert.Equal([1, 2, 3, 4], (await Store.GetArtifactAsync(1))!);
    }
}
