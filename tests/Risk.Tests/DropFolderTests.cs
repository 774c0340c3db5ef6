using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VisionZero.Grid;
using VisionZero.Silo.Jobs;

namespace VisionZero.Risk.Tests;

/// <summary>The ingest job's drop folder: a file it cannot read is set aside with the reason, the rest go on.</summary>
[Collection(RiskGridCollection.Name)]
public sealed class DropFolderTests(RiskGridFixture grid)
{
    [Fact]
    public async Task Empty_foreign_and_corrupt_files_go_to_failed_with_their_reason_and_nothing_reaches_the_grid()
    {
        var folder = Directory.CreateTempSubdirectory("vz-drop").FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "empty.csv"), []);
        await File.WriteAllTextAsync(Path.Combine(folder, "people.csv"), "name,age\nann,3\n");
        await File.WriteAllBytesAsync(
            Path.Combine(folder, "broken.csv.gz"),
            [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
        var before = await grid.Client.GetGrain<IGridQueryGrain>(0).CountIntersections();
        var ingestor = new CrashSourceIngestor(grid.Client, Options.Create(new JobOptions { IngestSource = folder }),
            TimeProvider.System, NullLogger<CrashSourceIngestor>.Instance);

        var summary = await ingestor.IngestAsync(CancellationToken.None);

        Assert.Equal("3 file(s): 0 crashes accepted, 3 file(s) refused", summary);
        Assert.Empty(Directory.GetFiles(folder));
        foreach (var name in new[] { "empty.csv", "people.csv", "broken.csv.gz" })
        {
            Assert.True(File.Exists(Path.Combine(folder, "failed", name)), name);
            Assert.NotEmpty(await File.ReadAllTextAsync(Path.Combine(folder, "failed", name + ".error.txt")));
        }
        Assert.Contains(
            "CRASH DATE",
            await File.ReadAllTextAsync(Path.Combine(folder, "failed", "people.csv.error.txt")),
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await grid.Client.GetGrain<IGridQueryGrain>(0).CountIntersections());
        Directory.Delete(folder, recursive: true);
    }
}
