using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using VisionZero.Grains.Intersections;
using VisionZero.Grains.Persistence;
using VisionZero.Grains.Storage;

namespace VisionZero.Grid.Tests;

/// <summary>The batching storage keeps Orleans' storage contract on a real PostgreSQL.</summary>
public class BatchedGrainStorageTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private BatchedPostgresGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await PostgresSchema.EnsureAsync(_database.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var serializer = new ServiceCollection()
            .AddSerializer()
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        _storage = new BatchedPostgresGrainStorage(_dataSource, serializer, "storage-test");
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static GrainId Corner(string id) => GrainId.Create("intersection", id);

    private static GrainState<IntersectionState> StateNamed(string name) => new(new IntersectionState { Name = name });

    [Fact]
    public async Task A_written_state_reads_back_with_a_new_etag_each_write()
    {
        var state = StateNamed("A & B");
        await _storage.WriteStateAsync("intersection", Corner("a--b"), state);
        var first = state.ETag;
        state.State!.Borough = "BROOKLYN";
        await _storage.WriteStateAsync("intersection", Corner("a--b"), state);
        Assert.NotEqual(first, state.ETag);

        var read = new GrainState<IntersectionState>(new IntersectionState());
        await _storage.ReadStateAsync("intersection", Corner("a--b"), read);
        Assert.True(read.RecordExists);
        Assert.Equal(("A & B", "BROOKLYN", state.ETag), (read.State!.Name, read.State.Borough, read.ETag));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var state = StateNamed("A & B");
        await _storage.WriteStateAsync("intersection", Corner("stale"), state);
        var stale = new GrainState<IntersectionState>(new IntersectionState { Name = "stale copy" })
        {
            ETag = state.ETag,
        };
        await _storage.WriteStateAsync("intersection", Corner("stale"), state);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync("intersection", Corner("stale"), stale));
        var read = new GrainState<IntersectionState>(new IntersectionState());
        await _storage.ReadStateAsync("intersection", Corner("stale"), read);
        Assert.Equal("A & B", read.State!.Name);
    }

    [Fact]
    public async Task Of_two_first_writes_to_the_same_grain_exactly_one_wins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                await _storage.WriteStateAsync("intersection", Corner("race"), StateNamed($"writer {i}"));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));
        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task Thousands_of_concurrent_grains_are_all_written_and_read_back()
    {
        var ids = Enumerable.Range(0, 5_000).Select(i => $"corner-{i}").ToList();
        await Task.WhenAll(ids.Select(id => _storage.WriteStateAsync("intersection", Corner(id), StateNamed(id))));
        Assert.Equal(
            5_000,
            await _database.ScalarAsync("SELECT count(*) FROM vz_grain_state WHERE service_id = 'storage-test'"));
        var reads = ids.Select(_ => new GrainState<IntersectionState>(new IntersectionState())).ToList();
        await Task.WhenAll(ids.Select((id, i) => _storage.ReadStateAsync("intersection", Corner(id), reads[i])));
        Assert.Equal(ids, reads.Select(r => r.State!.Name));
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        var state = StateNamed("gone");
        await _storage.WriteStateAsync("intersection", Corner("gone"), state);
        await _storage.ClearStateAsync("intersection", Corner("gone"), state);
        var read = new GrainState<IntersectionState>(new IntersectionState());
        await _storage.ReadStateAsync("intersection", Corner("gone"), read);
        Assert.False(read.RecordExists);
    }
}
