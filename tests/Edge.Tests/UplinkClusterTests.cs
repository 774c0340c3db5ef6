using VisionZero.Edge.Answer;
using VisionZero.Edge.Store;
using VisionZero.Edge.Uplink;
using VisionZero.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The uplink end to end: vz-edge runtimes answer the bundled drive and upload through the cluster's gateway into
/// PostgreSQL, where the device grain, the device list and the rows themselves are checked.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class UplinkClusterTests(EdgeGridFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-uplink-test-").FullName;
    private readonly UplinkEdges _edges = new(fixture);

    private string Folder(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task Answered_fixes_are_uploaded_with_their_answers_and_can_be_read_back()
    {
        var device = UplinkEdges.NewDevice("uplink");
        var fixes = (await UplinkEdges.DriveAsync()).Take(250).ToList();
        var answers = new List<AreaRisk>();
        await using (var edge = UplinkEdges.Start(_edges.Settings(Folder("edge"), device)))
        {
            await UplinkEdges.SyncedAsync(edge);
            answers.AddRange(fixes.Select(edge.Answer));
            await UplinkEdges.UntilAsync(() => edge.Uplink.State is { Pending: 0, Confirmed: 250 }, "the upload");
            Assert.Equal(new UplinkState(0, 250, 250, 0, 0), edge.Uplink.State);
            var status = edge.Status().Uplink;
            Assert.Equal((0L, 250L, 250L, 0L), (status.Pending, status.LastSequence, status.ConfirmedSequence,
                status.Dropped));
            Assert.Null(status.LastError);
        }

        var grain = fixture.Client.GetGrain<IEdgeDeviceGrain>(device);
        var log = await grain.GetLog(1_000);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (long)i), log.Select(e => e.Seq));
        for (var i = 0; i < log.Length; i++)
        {
            var (entry, fix, answer) = (log[i], fixes[i], answers[i]);
            Assert.Equal((fix.Time, fix.Latitude, fix.Longitude), (entry.Time, entry.Latitude, entry.Longitude));
            Assert.Equal((answer.ModelVersion, answer.AsOf, answer.HighestClass, answer.ExpectedCrashes),
                (entry.ModelVersion, entry.AsOf, entry.HighestClass, entry.ExpectedCrashes));
            Assert.Equal((answer.Corners.FirstOrDefault()?.Id, answer.Stale), (entry.NearestCornerId, entry.Stale));
        }
        Assert.Contains(log, e => e.HighestClass is not null && e.NearestCornerId is not null);
        Assert.Equal(250, await _edges.StoredAsync(device));
        var summary = Assert.Single(await fixture.Client.GetGrain<IEdgeFleetGrain>(0).ListDevices(),
            d => d.DeviceId == device);
        Assert.Equal(await grain.GetSummary(), summary);
        Assert.Equal((250L, 250L, 0L), (summary.Entries, summary.Confirmed, summary.Dropped));
        Assert.Equal((fixes[^1].Latitude, fixes[^1].Longitude, answers[^1].ModelVersion),
            (summary.LastLatitude, summary.LastLongitude, summary.LastModelVersion));
    }

    [Fact]
    public async Task A_full_log_drops_its_oldest_counts_them_and_the_grid_learns_of_the_drop()
    {
        var device = UplinkEdges.NewDevice("rotate");
        var fixes = (await UplinkEdges.DriveAsync()).Take(120).ToList();
        var online = _edges.Settings(Folder("edge"), device) with { UplinkCapacity = 50 };
        await using (var offline = UplinkEdges.Start(online with { Offline = true }))
        {
            foreach (var fix in fixes)
                offline.Answer(fix);
            var status = offline.Status().Uplink;
            Assert.Equal((50L, 50, 70L, 120L, 0L), (status.Pending, status.Capacity, status.Dropped,
                status.LastSequence, status.ConfirmedSequence));
        }
        await using (var edge = UplinkEdges.Start(online))
            await UplinkEdges.UntilAsync(() => edge.Uplink.State.Pending == 0, "the upload");

        var grain = fixture.Client.GetGrain<IEdgeDeviceGrain>(device);
        var summary = (await grain.GetSummary())!;
        Assert.Equal((50L, 120L, 70L), (summary.Entries, summary.Confirmed, summary.Dropped));
        Assert.Equal(Enumerable.Range(71, 50).Select(i => (long)i), (await grain.GetLog(500)).Select(e => e.Seq));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
