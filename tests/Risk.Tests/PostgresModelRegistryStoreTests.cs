using Npgsql;
using VisionZero.Grains.Models;
using VisionZero.Models;

namespace VisionZero.Risk.Tests;

public sealed class PostgresModelRegistryStoreTests(ModelRegistryDatabase database)
    : ModelRegistryStoreTests, IClassFixture<ModelRegistryDatabase>
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<IModelRegistryStore> CreateStoreAsync()
    {
        await database.ClearAsync();
        return NewStore();
    }

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
            await dataSource.DisposeAsync();
    }

    private PostgresModelRegistryStore NewStore()
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgresModelRegistryStore(dataSource);
    }

    [Fact]
    public async Task Two_stores_registering_at_once_on_one_database_get_distinct_versions()
    {
        var stores = new[] { Store, NewStore() };
        var added = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => stores[i % 2].AddAsync(ModelDrafts.Sample(), [(byte)i], $"silo {i % 2}", "race"))));
        Assert.Equal(Enumerable.Range(1, 10), added.Select(a => a.Version).Order());
        Assert.Equal(10, (await Store.HistoryAsync()).Length);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_production_version()
    {
        await Store.AddAsync(ModelDrafts.Sample(), [1], "ci", "first");
        await Store.AddAsync(ModelDrafts.Sample(), [2], "ci", "second");
        await Store.SetStageAsync(1, ModelStage.Production, "ops", "go");
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            database.ExecuteAsync("UPDATE vz_model_version SET stage = 'production' WHERE version = 2"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    [Fact]
    public async Task The_database_refuses_a_stage_that_is_not_one_of_the_five()
    {
        await Store.AddAsync(ModelDrafts.Sample(), [1], "ci", "first");
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            database.ExecuteAsync("UPDATE vz_model_version SET stage = 'Production' WHERE version = 1"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
    }

    [Fact]
    public async Task Details_are_stored_as_json_with_enums_by_name()
    {
        await Store.AddAsync(ModelDrafts.Sample(), [1], "ci", "first");
        Assert.Equal("SomewhatSafe", await database.ExecuteAsync(
            "SELECT details->'Backtests'->0->'Results'->0->'Classes'->1->>'Class' FROM vz_model_version"));
        Assert.Equal("2013-07-01", await database.ExecuteAsync("SELECT details->>'TrainedFrom' FROM vz_model_version"));
    }
}
