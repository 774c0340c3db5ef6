using VisionZero.Edge.Store;
using VisionZero.Edge.Uplink;
using VisionZero.Uplink;
using Xunit.Abstractions;

namespace VisionZero.Edge.Tests;

/// <summary>
/// A device stopped mid-upload loses nothing and duplicates nothing: two devices log the same answers; one
/// uploads cleanly, the other is stopped between the cluster's write and its own acknowledgement, then stopped
/// mid-upload three more times, and started again on the same data folder each time. PostgreSQL must end with
/// the same rows for both. Then the same with a real vz-edge process killed (SIGKILL) mid-upload.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class UplinkKillTests(EdgeGridFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-uplink-kill-").FullName;
    private readonly UplinkEdges _edges = new(fixture);

    private string Folder(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task A_device_stopped_mid_upload_ends_with_exactly_the_rows_of_a_clean_run()
    {
        var (clean, killed) = (UplinkEdges.NewDevice("clean"), UplinkEdges.NewDevice("killed"));
        var fixes = await SameAnswersLoggedAsync(clean, killed, drives: 2);
        await CleanUploadAsync(clean);

        // Stopped between the cluster's write and the acknowledgement: the grain stores the batch the edge's log
        // gives, and the store is closed without hearing of it, as a SIGKILL at that moment leaves it.
        using (var store = EdgeStore.Open(Path.Combine(Folder("killed"), "edge.db")))
        {
            var log = new UplinkLog(store);
            var receipt = await fixture.Client.GetGrain<IEdgeDeviceGrain>(killed).Upload(log.NextBatch(100));
            Assert.Equal(new UplinkReceipt(100, 100, 0), receipt);
            Assert.Equal(fixes, log.State.Pending);
        }
        // Then stopped three times as soon as the cluster stored more, whatever the upload was doing.
        for (var stop = 1; stop <= 3; stop++)
        {
            var before = await _edges.StoredAsync(killed);
            await using (var edge = UplinkEdges.Start(_edges.Settings(Folder("killed"), killed)))
            {
                await UplinkEdges.UntilAsync(async () => edge.Uplink.State.Pending == 0
                    || await _edges.StoredAsync(killed) > before, "the cluster to store more");
            }
            output.WriteLine($"stop {stop}: the cluster holds {await _edges.StoredAsync(killed)}, " +
                $"the edge heard of {ConfirmedOnDisk()}");
        }
        await using (var edge = UplinkEdges.Start(_edges.Settings(Folder("killed"), killed)))
            await UplinkEdges.UntilAsync(() => edge.Uplink.State.Pending == 0, "the upload after the stops");

        var rows = await _edges.RowsAsync(clean);
        Assert.Equal(fixes, rows.Count);
        Assert.Equal(rows, await _edges.RowsAsync(killed));
        Assert.Equal((fixes, fixes, 0L), await _edges.DeviceRowAsync(clean));
        Assert.Equal((fixes, fixes, 0L), await _edges.DeviceRowAsync(killed));
        Assert.Equal(new UplinkState(0, fixes, fixes, 0, 0), StateOnDisk());
    }

    [Fact]
    public async Task A_vz_edge_process_killed_mid_upload_ends_with_exactly_the_rows_of_a_clean_run()
    {
        var (clean, killed) = (UplinkEdges.NewDevice("clean"), UplinkEdges.NewDevice("sigkill"));
        var fixes = await SameAnswersLoggedAsync(clean, killed, drives: 4);
        await CleanUploadAsync(clean);
        // The process takes its device id from its store, as on a device.
        using (var store = EdgeStore.Open(Path.Combine(Folder("killed"), "edge.db")))
            store.SetMeta(VisionZero.Edge.Area.MetaKeys.DeviceId, killed);

        for (var kill = 1; kill <= 3; kill++)
        {
            var before = await _edges.StoredAsync(killed);
            var started = _edges.StartProcess(Folder("killed"));
            using var edge = started.Process;
            var edgeOutput = started.Output;
            await UplinkEdges.UntilAsync(async () => edge.HasExited || await _edges.StoredAsync(killed) > before,
                "the cluster to store more", seconds: 180, () => UplinkEdges.Describe(edge, edgeOutput));
            Assert.False(edge.HasExited, UplinkEdges.Describe(edge, edgeOutput));
            edge.Kill();
            await edge.WaitForExitAsync();
            output.WriteLine($"SIGKILL {kill}: the cluster holds {await _edges.StoredAsync(killed)}, " +
                $"the edge heard of {ConfirmedOnDisk()}");
        }
        var (last, lastOutput) = _edges.StartProcess(Folder("killed"));
        using (last)
        {
            await UplinkEdges.UntilAsync(
                async () => await UplinkEdges.ProcessPendingAsync() == 0, "the last upload", seconds: 180,
                () => UplinkEdges.Describe(last, lastOutput));
            await UplinkEdges.StopProcessAsync(last);
        }

        var rows = await _edges.RowsAsync(clean);
        Assert.Equal(fixes, rows.Count);
        Assert.Equal(rows, await _edges.RowsAsync(killed));
        Assert.Equal((fixes, fixes, 0L), await _edges.DeviceRowAsync(killed));
        Assert.Equal(new UplinkState(0, fixes, fixes, 0, 0), StateOnDisk());
    }

    private async Task CleanUploadAsync(string clean)
    {
        await using var edge = UplinkEdges.Start(_edges.Settings(Folder("clean"), clean));
        await UplinkEdges.UntilAsync(() => edge.Uplink.State.Pending == 0, "the clean upload");
    }

    /// <summary>
    /// A copy of the grid synced once, then the drive several times (an hour apart) answered offline on two
    /// copies of it under the two device ids: the same answers, the same model, all stale. Returns how many were
    /// logged.
    /// </summary>
    private async Task<long> SameAnswersLoggedAsync(string clean, string killed, int drives)
    {
        await using (var seed = UplinkEdges.Start(_edges.Settings(Folder("seed"), UplinkEdges.NewDevice("seed"))))
            await UplinkEdges.SyncedAsync(seed);
        var drive = await UplinkEdges.DriveAsync();
        var fixes = Enumerable.Range(0, drives)
            .SelectMany(hour => drive.Select(f => f with { Time = f.Time.AddHours(hour) }))
            .ToList();
        foreach (var (device, folder) in new[] { (clean, Folder("clean")), (killed, Folder("killed")) })
        {
            UplinkEdges.CopyFolder(Folder("seed"), folder);
            await using var edge = UplinkEdges.Start(_edges.Settings(folder, device, offline: true));
            foreach (var fix in fixes)
                edge.Answer(fix);
            Assert.NotNull(edge.Grid.Model);
        }
        return fixes.Count;
    }

    private long ConfirmedOnDisk() => StateOnDisk().Confirmed;

    private UplinkState StateOnDisk()
    {
        using var store = EdgeStore.Open(Path.Combine(Folder("killed"), "edge.db"));
        return store.UplinkState();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
