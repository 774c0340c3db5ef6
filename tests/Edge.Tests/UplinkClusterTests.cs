using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Store;
using VisionZero.Edge.Uplink;
using VisionZero.Grains.Risk.Live;
using VisionZero.Silo.Rollout;
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
    public async Task Uploaded_fixes_feed_the_prediction_log_with_the_edges_own_forecast_of_the_nearest_corner()
    {
        var device = UplinkEdges.NewDevice("feedback");
        var fixes = (await UplinkEdges.DriveAsync()).Take(400).ToList();
        var answers = new List<AreaRisk>();
        await using (var edge = UplinkEdges.Start(_edges.Settings(Folder("edge"), device)))
        {
            await UplinkEdges.SyncedAsync(edge);
            answers.AddRange(fixes.Select(edge.Answer));
            await UplinkEdges.UntilAsync(() => edge.Uplink.State.Pending == 0, "the upload");
        }
        var logs = fixture.Cluster.Silos.Cast<InProcessSiloHandle>()
            .Select(s => s.SiloHost.Services.GetRequiredService<PredictionLog>()).ToList();
        foreach (var log in logs)
            await log.FlushAsync();

        // What the edge answered for its nearest corner, in the log's sample (the same choice on every silo).
        var expected = answers
            .Where(a => a.ModelVersion is not null && a.Corners.FirstOrDefault()?.Risk is not null)
            .Select(a => (Version: a.ModelVersion!.Value, Corner: a.Corners[0].Id, AsOf: a.AsOf!.Value,
                a.Corners[0].Risk!.RiskScore, a.Corners[0].Risk!.RiskClass))
            .DistinctBy(p => (p.Version, p.Corner, p.AsOf))
            .Where(p => logs[0].Sampled(p.Version, p.Corner, p.AsOf))
            .ToList();
        Assert.NotEmpty(expected);
        var kept = await _edges.PredictionsAsync(expected[0].Version);
        Assert.Single(expected.Select(p => p.Version).Distinct());
        foreach (var p in expected)
        {
            Assert.True(kept.TryGetValue((p.Corner, p.AsOf), out var row), $"{p.Corner} on {p.AsOf} is not kept");
            Assert.Equal(p.RiskScore, row.Score, 9);
            Assert.Equal(p.RiskClass, row.Class);
        }
    }

    [Fact]
    public async Task The_latest_uploaded_drive_leads_the_route_the_canary_users_replay_in_the_order_driven()
    {
        var device = UplinkEdges.NewDevice("route");
        var fixes = (await UplinkEdges.DriveAsync()).Take(300).ToList();
        var answers = new List<AreaRisk>();
        await using (var edge = UplinkEdges.Start(_edges.Settings(Folder("edge"), device)))
        {
            await UplinkEdges.SyncedAsync(edge);
            answers.AddRange(fixes.Select(edge.Answer));
            await UplinkEdges.UntilAsync(() => edge.Uplink.State.Pending == 0, "the upload");
        }
        // The corners the drive passed, one per run of fixes nearest the same corner.
        var driven = new List<string>();
        foreach (var id in answers.Select(a => a.Corners.FirstOrDefault()?.Id).OfType<string>())
        {
            if (driven.Count == 0 || driven[^1] != id)
                driven.Add(id);
        }
        Assert.True(driven.Count > 1, "the drive passes more than one corner");

        var route = await new EdgeDrives(fixture.Client, TimeProvider.System).RouteAsync();

        Assert.Equal(driven, route.Corners.Take(driven.Count));
        Assert.True(route.Fixes >= answers.Count(a => a.Corners.Length > 0), $"{route.Fixes} fixes");
        // A week later, no device has driven lately: the users fall back to the generator.
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(8));
        Assert.Empty((await new EdgeDrives(fixture.Client, later).RouteAsync()).Corners);
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
