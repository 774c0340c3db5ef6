using VisionZero.Grains.Uplink;
using VisionZero.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>The uplink store's contract, run against PostgreSQL and memory: both must behave the same.</summary>
public abstract class EdgeUplinkStoreContract : IAsyncLifetime
{
    protected IEdgeUplinkStore Store { get; private set; } = null!;

    /// <summary>A store; tests name their devices uniquely, so it may hold other devices.</summary>
    protected abstract Task<IEdgeUplinkStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>As a list: xUnit compares two ImmutableArrays by their arrays' identity.</summary>
    private async Task<List<UplinkEntry>> ListAsync(string device, int last) =>
        [.. await Store.LastEntriesAsync(device, last)];

    protected static string NewDevice() => $"edge-{Guid.NewGuid():N}"[..17];

    [Fact]
    public async Task A_batch_is_stored_and_its_last_entries_read_back_oldest_first()
    {
        var device = NewDevice();
        var receipt = await Store.AppendAsync(device, UplinkSamples.Batch(1, 5));

        Assert.Equal(new UplinkReceipt(5, 5, 0), receipt);
        Assert.Equal([.. UplinkSamples.Entries(3, 5)], await ListAsync(device, 3));
        Assert.Equal([.. UplinkSamples.Entries(1, 5)], await ListAsync(device, 100));
    }

    [Fact]
    public async Task A_retried_batch_stores_nothing_twice_and_gets_the_same_confirmation()
    {
        var device = NewDevice();
        await Store.AppendAsync(device, UplinkSamples.Batch(1, 5));

        Assert.Equal(new UplinkReceipt(5, 0, 5), await Store.AppendAsync(device, UplinkSamples.Batch(1, 5)));
        Assert.Equal(new UplinkReceipt(8, 3, 3), await Store.AppendAsync(device, UplinkSamples.Batch(3, 8)));
        Assert.Equal([.. UplinkSamples.Entries(1, 8)], await ListAsync(device, 100));
        Assert.Equal(8, (await Store.GetDeviceAsync(device))!.Entries);
    }

    [Fact]
    public async Task A_gap_is_refused_whole_and_nothing_stored_is_lost()
    {
        var device = NewDevice();
        await Store.AppendAsync(device, UplinkSamples.Batch(1, 5));
        var before = await Store.GetDeviceAsync(device);

        var refusal = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.AppendAsync(device, UplinkSamples.Batch(7, 9)));

        Assert.Contains("sequence gap: the batch starts at 7", refusal.Message);
        Assert.Equal(before, await Store.GetDeviceAsync(device));
        Assert.Equal([.. UplinkSamples.Entries(1, 5)], await ListAsync(device, 100));
    }

    [Fact]
    public async Task A_refused_first_batch_leaves_no_device_behind()
    {
        var device = NewDevice();
        var bad = new UplinkBatch(0, [UplinkSamples.Entry(1), UplinkSamples.Entry(2) with { Latitude = double.NaN }]);

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(device, bad));

        Assert.Contains("entry 2 (sequence 2): latitude NaN", refusal.Message);
        Assert.Null(await Store.GetDeviceAsync(device));
        Assert.DoesNotContain(await Store.ListDevicesAsync(), d => d.DeviceId == device);
    }

    [Fact]
    public async Task Numbers_the_device_dropped_close_the_gap_and_are_counted()
    {
        var device = NewDevice();
        await Store.AppendAsync(device, UplinkSamples.Batch(1, 5));

        var receipt = await Store.AppendAsync(device, UplinkSamples.Batch(11, 12, droppedThrough: 10));

        Assert.Equal(new UplinkReceipt(12, 2, 0), receipt);
        var summary = (await Store.GetDeviceAsync(device))!;
        Assert.Equal((7L, 12L, 5L), (summary.Entries, summary.Confirmed, summary.Dropped));
    }

    [Fact]
    public async Task The_device_list_says_when_each_was_seen_and_its_latest_position_and_model_newest_first()
    {
        var (first, second) = (NewDevice(), NewDevice());
        await Store.AppendAsync(first, UplinkSamples.Batch(1, 3));
        await Task.Delay(20);
        await Store.AppendAsync(second, new UplinkBatch(0, [UplinkSamples.Entry(1) with { ModelVersion = 9 }]));
        await Store.AppendAsync(second, new UplinkBatch(0, [UplinkSamples.Entry(2) with { ModelVersion = null }]));

        var devices = (await Store.ListDevicesAsync()).Where(d => d.DeviceId == first || d.DeviceId == second).ToList();

        Assert.Equal([second, first], devices.Select(d => d.DeviceId));
        var latest = UplinkSamples.Entry(2);
        var summary = devices[0];
        Assert.Equal((2L, 2L, 0L), (summary.Entries, summary.Confirmed, summary.Dropped));
        Assert.Equal((latest.Time, latest.Latitude, latest.Longitude),
            (summary.LastFixTime!.Value, summary.LastLatitude!.Value, summary.LastLongitude!.Value));
        Assert.Equal(9, summary.LastModelVersion);
        Assert.True(summary.LastSeen >= summary.FirstSeen && summary.LastSeen > devices[1].LastSeen);
    }

    [Fact]
    public async Task A_device_that_never_uploaded_is_unknown_with_no_entries()
    {
        var device = NewDevice();
        Assert.Null(await Store.GetDeviceAsync(device));
        Assert.Empty(await Store.LastEntriesAsync(device, 10));
    }
}
