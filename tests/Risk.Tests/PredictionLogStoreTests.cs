using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VisionZero.Grains.Risk.Live;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The prediction log, the same in every store: one prediction per version, corner and day (the first kept), the
/// matured ones by day newest first and no further than asked, the oldest pruned first; the log in front of it
/// samples a stable share and drops (counting) rather than wait when its buffer is full.
/// </summary>
public abstract class PredictionLogStoreTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2020, 11, 1);

    protected IPredictionLogStore Store { get; private set; } = null!;

    protected abstract Task<IPredictionLogStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static PredictionRecord Prediction(int version, string corner, DateOnly day, double score = 1.5) =>
        new(version, corner, day, score, RiskClass.Average, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_prediction_is_kept_once_and_only_matured_days_are_read_newest_first()
    {
        await Store.AddAsync([Prediction(1, "a", Day), Prediction(1, "b", Day.AddDays(-30)), Prediction(2, "a", Day)]);
        await Store.AddAsync([Prediction(1, "a", Day, score: 9), Prediction(1, "c", Day.AddDays(30))]);

        var (logged, matured) = await Store.ReadAsync(1, Day, limit: 10);

        Assert.Equal(3, logged);
        Assert.Equal(["a", "b"], matured.Select(p => p.IntersectionId));
        Assert.Equal(1.5, matured[0].Score);
        Assert.Equal((Day, RiskClass.Average, 1), (matured[0].AsOf, matured[0].Class, matured[0].Version));
        Assert.Single((await Store.ReadAsync(1, Day, limit: 1)).Matured);
        Assert.Empty((await Store.ReadAsync(3, Day, limit: 10)).Matured);
    }

    [Fact]
    public async Task Pruning_drops_the_oldest_past_the_bound_and_hostile_ids_are_kept_safely()
    {
        for (var i = 0; i < 5; i++)
            await Store.AddAsync([Prediction(1, $"corner-{i}", Day)]);
        await Store.AddAsync([Prediction(1, "'); DROP TABLE vz_prediction_log; --\u0000", Day)]);

        Assert.Equal(3, await Store.PruneAsync(3));

        var kept = (await Store.ReadAsync(1, Day, 10)).Matured.Select(p => p.IntersectionId).Order().ToList();
        Assert.Equal(3, kept.Count);
        Assert.Contains("corner-4", kept);
        Assert.Contains(kept, k => k.StartsWith("'); DROP TABLE", StringComparison.Ordinal));
        Assert.Equal(0, await Store.PruneAsync(3));
    }

    [Fact]
    public async Task The_log_samples_a_stable_share_and_drops_rather_than_waits_when_full()
    {
        var log = new PredictionLog(Store, new LiveSettings(SampleRate: 0.1), NullLogger<PredictionLog>.Instance);
        for (var round = 0; round < 2; round++)
            for (var i = 0; i < 20_000; i++)
                log.Offer(1, $"corner-{i}", Day, 1, RiskClass.Safe);
        for (var i = 0; i < 5; i++)
            await log.FlushAsync();

        var (logged, _) = await Store.ReadAsync(1, Day, 0);
        Assert.InRange(logged, 1_700, 2_300);
        Assert.Equal(0, log.Dropped);

        var all = new PredictionLog(Store, new LiveSettings(SampleRate: 1), NullLogger<PredictionLog>.Instance);
        for (var i = 0; i < PredictionLog.Capacity + 100; i++)
            all.Offer(2, $"corner-{i}", Day, 1, RiskClass.Safe);
        Assert.Equal(100, all.Dropped);
        var none = new PredictionLog(Store, new LiveSettings(SampleRate: 0), NullLogger<PredictionLog>.Instance);
        Assert.False(none.Sampled(3, "corner-1", Day));
    }
}

public sealed class InMemoryPredictionLogStoreTests : PredictionLogStoreTests
{
    protected override Task<IPredictionLogStore> CreateStoreAsync() =>
        Task.FromResult<IPredictionLogStore>(new InMemoryPredictionLogStore());
}

public sealed class PostgresPredictionLogStoreTests(ModelRegistryDatabase database)
    : PredictionLogStoreTests, IClassFixture<ModelRegistryDatabase>
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IPredictionLogStore> CreateStoreAsync()
    {
        await database.ExecuteAsync("TRUNCATE vz_prediction_log");
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        return new PostgresPredictionLogStore(_dataSource);
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
    }
}
