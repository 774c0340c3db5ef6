using Npgsql;
using VisionZero.Grains.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>The contract on PostgreSQL, and what only the database itself can show.</summary>
public sealed class PostgresEdgeUplinkStoreTests(UplinkDatabase database)
    : EdgeUplinkStoreContract, IClassFixture<UplinkDatabase>
{
    private NpgsqlDataSource? _dataSource;

    protected override Task<IEdgeUplinkStore> CreateStoreAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.Test.ConnectionString);
        return Task.FromResult<IEdgeUplinkStore>(new PostgresEdgeUplinkStore(_dataSource));
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task The_database_itself_keeps_one_row_per_device_and_number()
    {
        var device = NewDevice();
        await Store.AppendAsync(device, UplinkSamples.Batch(1, 3));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => database.Test.ScalarAsync(
            "INSERT INTO vz_edge_log (device_id, seq, fix_time, latitude, longitude, expected_crashes, stale) " +
            $"VALUES ('{device}', 2, now(), 40.6, -73.9, 0, false)"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    [Fact]
    public async Task Two_stores_appending_the_same_batches_at_once_store_each_entry_once()
    {
        var device = NewDevice();
        await using var other = NpgsqlDataSource.Create(database.Test.ConnectionString);
        var stores = new IEdgeUplinkStore[] { Store, new PostgresEdgeUplinkStore(other) };

        var receipts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => stores[i % 2].AppendAsync(device, UplinkSamples.Batch(1, 200 * (i / 2 + 1))))));

        Assert.Equal(800, receipts.Sum(r => r.Stored));
        Assert.Equal(800,
            await database.Test.ScalarAsync($"SELECT count(*) FROM vz_edge_log WHERE device_id = '{device}'"));
        Assert.Equal(800, (await Store.GetDeviceAsync(device))!.Entries);
    }
}
