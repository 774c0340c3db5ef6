using VisionZero.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>
/// Bad input through the cluster: hostile device ids and malformed batches are refused with the reason, across
/// the wire, and nothing already stored is lost or changed.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class UplinkHostileInputTests(EdgeGridFixture fixture)
{
    private readonly UplinkEdges _edges = new(fixture);

    public static TheoryData<string> HostileIds() =>
        [new string('x', 10_240), "edge\u0001ctl", "x'); DROP TABLE vz_edge_log; --", "line\nbreak"];

    [Theory, MemberData(nameof(HostileIds))]
    public async Task A_hostile_device_id_is_refused_by_name_and_never_stored(string id)
    {
        var grain = fixture.Client.GetGrain<IEdgeDeviceGrain>(id);

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => grain.Upload(UplinkSamples.Batch(1, 3)));

        Assert.StartsWith("refused: a device id is 1 to 64 letters, digits", refusal.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => grain.GetLog(10));
        Assert.Equal(0, await _edges.DevicesNamedAsync(id));
        Assert.True(await fixture.Database.ScalarAsync("SELECT count(*) FROM vz_edge_log") >= 0);
    }

    [Fact]
    public async Task An_empty_device_id_is_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => fixture.Client.GetGrain<IEdgeDeviceGrain>("").Upload(UplinkSamples.Batch(1, 3)));
        Assert.Equal(0, await _edges.DevicesNamedAsync(""));
    }

    [Fact]
    public async Task Bad_batches_are_refused_with_the_reason_and_nothing_stored_is_lost()
    {
        var device = UplinkEdges.NewDevice("hostile");
        var grain = fixture.Client.GetGrain<IEdgeDeviceGrain>(device);
        Assert.Equal(new UplinkReceipt(10, 10, 0), await grain.Upload(UplinkSamples.Batch(1, 10)));
        var before = await grain.GetSummary();

        (UplinkBatch Batch, string Reason)[] bad =
        [
            (UplinkSamples.Batch(12, 14), "sequence gap: the batch starts at 12"),
            (new UplinkBatch(0, [UplinkSamples.Entry(11), UplinkSamples.Entry(11)]), "11 appears twice"),
            (new UplinkBatch(0, [UplinkSamples.Entry(11), UplinkSamples.Entry(12) with { Latitude = double.NaN }]),
                "entry 2 (sequence 12): latitude NaN"),
            (new UplinkBatch(0, [UplinkSamples.Entry(11) with { ExpectedCrashes = double.PositiveInfinity }]),
                "entry 1 (sequence 11): expected crashes Infinity"),
            (new UplinkBatch(0, [UplinkSamples.Entry(11) with { NearestCornerId = "a'\u0000; --" }]),
                "holds a control character at position 3"),
        ];
        foreach (var (batch, reason) in bad)
        {
            var refusal = await Assert.ThrowsAsync<ArgumentException>(() => grain.Upload(batch));
            Assert.Contains($"device {device}: batch refused: ", refusal.Message);
            Assert.Contains(reason, refusal.Message);
        }

        Assert.Equal(before, await grain.GetSummary());
        Assert.Equal([.. UplinkSamples.Entries(1, 10)], (await grain.GetLog(100)).ToList());
        Assert.Equal(new UplinkReceipt(10, 0, 10), await grain.Upload(UplinkSamples.Batch(1, 10)));
        Assert.Equal(new UplinkReceipt(15, 5, 6), await grain.Upload(UplinkSamples.Batch(5, 15)));
        Assert.Equal(15, await _edges.StoredAsync(device));
    }
}
