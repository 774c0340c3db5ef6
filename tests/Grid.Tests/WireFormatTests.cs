using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using VisionZero.CrashData;
using VisionZero.Grains;
using VisionZero.Grains.Catalog;

namespace VisionZero.Grid.Tests;

/// <summary>
/// The formats chosen for speed (packed ingest batches, binary catalog state) and what they refuse or still read.
/// </summary>
public sealed class WireFormatTests : SingleSiloGridTest
{
    [Fact]
    public async Task A_malformed_packed_batch_is_refused_naming_the_problem_and_the_batches_before_it_still_land()
    {
        var run = await StartRunWithOneCrashAsync("damaged.csv", 41, "P STREET", "Q STREET");
        var good = CrashRecordBatch.Pack([(await ReadAsync(42, "P STREET", "Q STREET"))]);

        // Two records claimed; the second is cut short.
        var damaged = new CrashRecordBatch(2, [.. good.Packed, .. good.Packed[..^10]]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => run.AddPackedBatch(damaged, []));
        await run.AddPackedBatch(good, []);
        var summary = await run.Complete();

        Assert.Contains("crash batch is malformed at record 2 of 2", error.Message);
        Assert.Equal((2, 2), (summary.Read, summary.Accepted));
        Assert.Equal(2, (await GetAsync("P ST & Q ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task Casualty_counts_no_parser_would_accept_are_quarantined_and_the_rest_of_the_batch_lands()
    {
        var run = await StartRunWithOneCrashAsync("counts.csv", 51, "R STREET", "S STREET");
        var good = await ReadAsync(52, "R STREET", "S STREET");
        var negative = good with { CollisionId = 53, Casualties = good.Casualties with { PedestriansKilled = -1 } };
        var huge = good with
        {
            CollisionId = 54,
            Casualties = good.Casualties with { PersonsInjured = short.MaxValue },
        };

        await run.AddPackedBatch(CrashRecordBatch.Pack([negative, good, huge]), []);
        var summary = await run.Complete();

        Assert.Equal((4, 2), (summary.Read, summary.Accepted));
        Assert.Equal(2L, summary.RejectedByReason[RejectReason.BadCount]);
        Assert.Equal(2, (await GetAsync("R ST & S ST"))!.OneYear.Crashes);
        Assert.Equal(2, await Database.ScalarAsync(
            $"SELECT count(*) FROM vz_quarantine WHERE run_id = '{run.GetPrimaryKey()}' " +
            $"AND reason = 'bad-count' AND detail LIKE 'a casualty count is %'"));
    }

    [Fact]
    public void Catalog_state_an_earlier_version_wrote_as_json_still_reads_and_new_state_is_written_binary()
    {
        var services = ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;
        var json = services.GetRequiredService<IGrainStorageSerializer>();
        var configured = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>()
            .Get(GridStorage.Name)
            .GrainStorageSerializer;
        var state = new PlacementSetState();
        state.Members["p-street--q-street"] = new IntersectionPlacement(
            "p-street--q-street",
            "P STREET & Q STREET",
            40.6,
            -73.9,
            "BROOKLYN",
            3);

        var fromJson = configured.Deserialize<PlacementSetState>(json.Serialize(state));
        var written = configured.Serialize(state);

        Assert.Equal(state.Members, fromJson!.Members);
        Assert.NotEqual((byte)'{', written.ToArray()[0]);
        Assert.Equal(state.Members, configured.Deserialize<PlacementSetState>(written)!.Members);
    }

    private static async Task<CrashRecord> ReadAsync(long id, string on, string cross)
    {
        using var reader = await CrashFileReader.OpenAsync(
            CsvText.Export(CsvText.Row(id, "07/01/2020", on, cross)), Today);
        await foreach (var row in reader.ReadAsync())
            return row.Record!;
        throw new InvalidOperationException("no row");
    }
}
