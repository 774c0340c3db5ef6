using Microsoft.Extensions.Options;
using VisionZero.Grid;

namespace VisionZero.Grains.Clock;

/// <summary>The grid's one "today". Only moves forward: re-ingesting an old file never turns the clock back.</summary>
public sealed class DataClockGrain(
    [PersistentState("clock", GridStorage.Name)] IPersistentState<DataClockState> state,
    IOptions<GridOptions> options,
    TimeProvider time) : Grain, IDataClockGrain
{
    // Not stored: a random start means a new activation never repeats a generation an old cache saw.
    private long _generation = Random.Shared.NextInt64();

    public async Task Advance(DateOnly earliestCrashDate, DateOnly latestCrashDate)
    {
        var later = !(state.State.LatestCrashDay >= latestCrashDate.DayNumber);
        var earlier = !(state.State.EarliestCrashDay <= earliestCrashDate.DayNumber);
        if (!later && !earlier)
            return;
        _generation++;
        if (later)
            state.State.LatestCrashDay = latestCrashDate.DayNumber;
        if (earlier)
            state.State.EarliestCrashDay = earliestCrashDate.DayNumber;
        await state.WriteStateAsync();
    }

    public Task<DateOnly?> GetEarliestCrashDate() => Task.FromResult(
        state.State.EarliestCrashDay is { } day ? DateOnly.FromDayNumber(day) : (DateOnly?)null);

    public Task<DateOnly?> GetAsOf() => Task.FromResult(options.Value.Clock == ClockMode.Wall
        ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)
        : Latest());

    public async Task<GridView> GetView() => new(await GetAsOf(), _generation);

    public Task MarkChanged()
    {
        _generation++;
        return Task.CompletedTask;
    }

    public Task<DateOnly?> GetLatestCrashDate() => Task.FromResult(Latest());

    private DateOnly? Latest() =>
        state.State.LatestCrashDay is { } day ? DateOnly.FromDayNumber(day) : null;
}
