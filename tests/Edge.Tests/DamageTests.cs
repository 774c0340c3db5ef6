using Microsoft.Data.Sqlite;
using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;
using VisionZero.Models;

namespace VisionZero.Edge.Tests;

/// <summary>
/// Damage on the device: a model whose stored bytes no longer match their sha256, or a store file that fails
/// SQLite's integrity check, is detected, never served, and fetched again; a version computed on another
/// feature schema is refused with the reason.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class DamageTests(EdgeGridFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-damage-").FullName;

    private string StorePath => Path.Combine(_folder, "edge.db");

    [Fact]
    public async Task A_stored_model_with_damaged_bytes_is_never_loaded_and_is_fetched_again()
    {
        var version = await SyncedCopyAsync();
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT artifact FROM model WHERE version = $version";
            read.Parameters.AddWithValue("$version", version);
            var artifact = (byte[])read.ExecuteScalar()!;
            // One byte changed in the middle: the same length, no longer the registered sha256.
            artifact[artifact.Length / 2] ^= 0x5A;
            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE model SET artifact = $artifact WHERE version = $version";
            write.Parameters.AddWithValue("$artifact", artifact);
            write.Parameters.AddWithValue("$version", version);
            Assert.Equal(1, write.ExecuteNonQuery());
        }
        using var grid = new EdgeGrid(EdgeStore.Open(StorePath));
        Assert.Null(grid.Model);
        Assert.Contains($"stored model version {version} was damaged", grid.Damage);
        Assert.Contains("sha256", grid.Damage);
        await new ModelSync(fixture.Client, grid).RunAsync();
        Assert.Equal(version, grid.Model?.Version);
    }

    [Fact]
    public async Task A_store_file_that_fails_the_integrity_check_is_set_aside_and_synced_again_to_the_same_copy()
    {
        await SyncedCopyAsync();
        Dictionary<string, string> before;
        using (var grid = new EdgeGrid(EdgeStore.Open(StorePath)))
            before = grid.Digests();
        var bytes = await File.ReadAllBytesAsync(StorePath);
        // Garbage over the pages past the first: the header still says SQLite, the b-trees are broken.
        new Random(7).NextBytes(bytes.AsSpan(4096, Math.Min(bytes.Length - 4096, 64 * 1024)));
        await File.WriteAllBytesAsync(StorePath, bytes);

        using (var grid = new EdgeGrid(EdgeStore.Open(StorePath)))
        {
            Assert.Contains("moved to", grid.Damage);
            Assert.Empty(grid.View.Corners);
            Assert.Null(grid.Model);
            await new ModelSync(fixture.Client, grid).RunAsync();
            await new AreaSync(fixture.Client, grid).RunAsync(AreaSpec.OfBorough("BROOKLYN"), CancellationToken.None);
            Assert.Equal(before, grid.Digests());
            Assert.NotNull(grid.Model);
        }
        Assert.Single(Directory.GetFiles(_folder, "edge.db.damaged-*"));
    }

    [Fact]
    public async Task A_version_on_another_feature_schema_is_refused_with_the_reason_and_the_edge_keeps_its_own()
    {
        var version = await SyncedCopyAsync();
        var registry = fixture.Registry;
        var production = (await registry.GetProduction())!;
        var artifact = (await registry.GetArtifact(production.Version))!;
        var alien = await registry.Register(production.Details with { FeatureSchema = 99 }, artifact, "tests");
        await registry.ForcePromote(alien.Version, ModelStage.Production, "tests", "a version from another schema");
        try
        {
            using var grid = new EdgeGrid(EdgeStore.Open(StorePath));
            await new ModelSync(fixture.Client, grid).RunAsync();
            Assert.Equal(version, grid.Model?.Version);
            Assert.Contains($"model version {alien.Version} was trained on feature schema 99", grid.Refusal);
        }
        finally
        {
            await registry.Promote(production.Version, ModelStage.Production, "tests", "restore");
            await fixture.SilosServeAsync(production.Version);
        }
    }

    /// <summary>An edge copy of Brooklyn on disk, closed; returns the version it holds.</summary>
    private async Task<int> SyncedCopyAsync()
    {
        using var grid = new EdgeGrid(EdgeStore.Open(StorePath));
        await new ModelSync(fixture.Client, grid).RunAsync();
        await new AreaSync(fixture.Client, grid).RunAsync(AreaSpec.OfBorough("BROOKLYN"), CancellationToken.None);
        return grid.Model?.Version ?? throw new InvalidOperationException("no model synced");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
