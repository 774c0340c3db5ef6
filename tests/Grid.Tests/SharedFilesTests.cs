using VisionZero.CrashData;
using VisionZero.Ingest;

namespace VisionZero.Grid.Tests;

/// <summary>
/// Every shared export, one after another into one grid, against counts derived independently of the grid.
/// </summary>
public class SharedFilesTests : SingleSiloGridTest
{
    [Fact]
    public async Task Every_shared_export_ingests_with_the_counts_its_rows_imply()
    {
        string[] files =
        [
            SharedData.Crashes(SharedData.Primary), SharedData.Crashes(SharedData.Legacy2013),
            SharedData.Crashes(SharedData.LegacyCr), SharedData.Crashes(SharedData.Manhattan),
            SharedData.Crashes(SharedData.Pandas2025), SharedData.Fixture(SharedData.SodaCsv),
        ];
        var seen = new HashSet<long>();
        foreach (var file in files)
        {
            var (ids, rejected, rows) = await ReadIndependentlyAsync(file);
            var overlap = ids.Count(seen.Contains);
            var summary = await new CrashFileIngestor(Cluster.Client).IngestFileAsync(file, Today);
            Assert.Equal(rows, summary.Read);
            Assert.Equal(rejected, summary.Rejected);
            Assert.Equal(ids.Count - overlap, summary.Accepted);
            Assert.Equal(overlap, summary.Duplicates + summary.Replaced);
            seen.UnionWith(ids);
            Assert.Equal(seen.Count, await Database.ScalarAsync("SELECT count(*) FROM vz_crash"));
        }
        // The documented overlaps: January 2013 of ZIP 11234 and of ZIP 11201 are in the citywide month too.
        Assert.True(seen.Count < 15_753 + 15_643 + 3_646 + 18_128 + 19_344 + 1_000 - 157 - 128 + 1);
    }

    private static async Task<(HashSet<long> Ids, int Rejected, int Rows)> ReadIndependentlyAsync(string file)
    {
        using var source = await CrashFileReader.OpenAsync(File.OpenRead(file), Today);
        var ids = new HashSet<long>();
        int rejected = 0, rows = 0;
        await foreach (var row in source.ReadAsync())
        {
            rows++;
            if (row.Record is { } record)
                ids.Add(record.CollisionId);
            else
                rejected++;
        }
        return (ids, rejected, rows);
    }
}
