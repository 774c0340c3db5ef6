using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VisionZero.Grains.Jobs;
using VisionZero.Jobs;

namespace VisionZero.Risk.Tests;

/// <summary>
/// Jobs that collide: a request for a kind already queued or running joins that job, decided once for the whole
/// cluster (two silos on PostgreSQL, Hangfire's storage there too); a finished job is not joined.
/// </summary>
[Collection(RiskGridCollection.Name)]
public class JobJoinTests(RiskGridFixture grid)
{
    [Fact]
    public async Task Training_asked_for_at_once_on_both_silos_and_by_the_schedule_is_one_job_every_caller_follows()
    {
        // Each silo's own door (a stateless worker activates where it is called) and the client's.
        var doors = grid.Cluster.Silos.Cast<InProcessSiloHandle>()
            .Select(s => s.SiloHost.Services.GetRequiredService<IGrainFactory>().GetGrain<IGridJobsGrain>(0))
            .Append(grid.Client.GetGrain<IGridJobsGrain>(0))
            .ToList();
        var starts = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => doors[i % doors.Count].Start(GridJobKind.Train, $"caller {i}")));

        var id = Assert.Single(starts.Select(s => s.JobId).Distinct());
        var queued = Assert.Single(starts, s => !s.Joined);
        Assert.All(starts, s => Assert.Equal(GridJobKind.Train, s.Kind));
        Assert.All(starts.Where(s => s.Joined), s => Assert.Equal(queued.StartedBy, s.StartedBy));
        Assert.All(starts.Where(s => s.Joined), s => Assert.Contains(s.State, new[] { "Enqueued", "Processing" }));
        // The weekly schedule firing meanwhile joins it too, rather than failing on Hangfire's lock.
        var scheduled = Schedules().TriggerJob("train");

        var ends = await Task.WhenAll(doors.Select(door => FollowAsync(door, id)));
        Assert.All(ends, end => Assert.True(end.State == "Succeeded", $"{end.State}: {end.Error}"));
        var version = Assert.Single(ends.Select(end => end.Version).Distinct());
        Assert.True(version > grid.First.Version);
        var schedule = await FollowAsync(doors[0], scheduled);
        Assert.Equal("Succeeded", schedule.State);
        Assert.StartsWith($"job {id} (started by {queued.StartedBy}) was still ", schedule.Result);
        Assert.EndsWith(": joined it", schedule.Result);

        // Finished: the next request starts a new job, and that one registers a new version.
        var again = await doors[1].Start(GridJobKind.Train, "after it");
        Assert.False(again.Joined);
        Assert.NotEqual(id, again.JobId);
        Assert.Equal("after it", again.StartedBy);
        var next = await FollowAsync(doors[0], again.JobId);
        Assert.True(next.State == "Succeeded", $"{next.State}: {next.Error}");
        Assert.True(next.Version > version);
    }

    [Fact]
    public async Task A_request_for_no_known_kind_is_refused_saying_which_kinds_there_are()
    {
        var jobs = grid.Client.GetGrain<IGridJobsGrain>(0);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => jobs.Start((GridJobKind)42, "tests"));
        Assert.Contains("not a job kind: one of Train, Tune, Ingest, Replay, Live", error.Message);
        var old = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => jobs.Enqueue((GridJobKind)(-1), "tests"));
        Assert.Contains("not a job kind", old.Message);
    }

    [Fact]
    public async Task Who_asked_is_kept_to_one_short_printable_line_for_whoever_joins()
    {
        var jobs = grid.Client.GetGrain<IGridJobsGrain>(0);
        var start = await jobs.Start(GridJobKind.Replay, "vz (eve\u001b]0;owned\u0007)\r\n" + new string('x', 300));
        Assert.DoesNotContain(start.StartedBy, char.IsControl);
        Assert.StartsWith("vz (eve]0;owned)xxx", start.StartedBy);
        Assert.Equal(GridJobsGrain.MaxByLength + 1, start.StartedBy.Length);
        Assert.Equal("Succeeded", (await FollowAsync(jobs, start.JobId)).State);
        var anonymous = await jobs.Start(GridJobKind.Replay, " \t");
        Assert.Equal("unknown", anonymous.StartedBy);
        await FollowAsync(jobs, anonymous.JobId);
    }

    private IRecurringJobManagerV2 Schedules() => (IRecurringJobManagerV2)grid.Cluster.Silos
        .Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IRecurringJobManager>();

    private static async Task<GridJobStatus> FollowAsync(IGridJobsGrain jobs, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            if (await jobs.GetStatus(id) is { Finished: true } status)
                return status;
            await Task.Delay(200, timeout.Token);
        }
    }
}
