using Microsoft.Extensions.Time.Testing;
using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class TraceReplayTests
{
    private static readonly DateTimeOffset Recorded = new(2021, 10, 5, 13, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task AtFactorTenTheReplayWaitsATenthOfTheTracesDuration()
    {
        var fixes = await BundledFixesAsync();
        var clock = new FakeTimeProvider();
        var started = clock.GetUtcNow();

        var released = await ReleaseTimesAsync(new TraceReplay(10, clock), clock, fixes);

        Assert.Equal(fixes.Select(fix => (fix.Time - fixes[0].Time) / 10), released);
        Assert.Equal((fixes[^1].Time - fixes[0].Time) / 10, clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task AtRealSpeedEachFixWaitsItsTimeAfterThePrevious()
    {
        var fixes = new[] { 0, 2, 5 }
            .Select(second => new GpsFix(Recorded.AddSeconds(second), 40.6224, -73.9366))
            .ToList();
        var clock = new FakeTimeProvider();

        var released = await ReleaseTimesAsync(new TraceReplay(1, clock), clock, fixes);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)], released);
    }

    [Fact]
    public async Task AtFactorZeroTheReplayDoesNotWait()
    {
        var fixes = await BundledFixesAsync();
        var clock = new FakeTimeProvider();
        var started = clock.GetUtcNow();

        var replay = Task.Run(async () => await new TraceReplay(0, clock).ReplayAsync(fixes.ToAsyncEnumerable())
            .CountAsync());
        var finished = await Task.WhenAny(replay, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(replay, finished);
        Assert.Equal(fixes.Count, await replay);
        Assert.Equal(started, clock.GetUtcNow());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFiniteFactorIsRefused(double factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceReplay(factor));

    /// <summary>
    /// Moves the fake clock a millisecond at a time while the replay waits, and notes when each fix came out.
    /// Off xUnit's synchronization context, the replay's wait ends inside Advance, so the clock never runs past
    /// the moment a fix was due.
    /// </summary>
    private static Task<List<TimeSpan>> ReleaseTimesAsync(
        TraceReplay replay,
        FakeTimeProvider clock,
        IReadOnlyList<GpsFix> fixes) => Task.Run(async () =>
    {
        var started = clock.GetUtcNow();
        var released = new List<TimeSpan>();
        var replayed = replay.ReplayAsync(fixes.ToAsyncEnumerable()).GetAsyncEnumerator();
        await using (replayed)
        {
            while (true)
            {
                var next = replayed.MoveNextAsync();
                while (!next.IsCompleted)
                    clock.Advance(TimeSpan.FromMilliseconds(1));
                if (!await next)
                    return released;
                released.Add(clock.GetUtcNow() - started);
            }
        }
    });

    private static async Task<List<GpsFix>> BundledFixesAsync()
    {
        var run = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".csv")));
        return [.. run.Accepted];
    }
}
