using System.Collections.Immutable;
using VisionZero.Grains.Query;
using VisionZero.Risk;

namespace VisionZero.Grid.Tests;

/// <summary>
/// The whole-grid ranking a silo keeps per day: computed once, dropped when it failed or was scored mid-swap.
/// </summary>
[Trait("Category", "Fast")]
public sealed class SnapshotCacheRankingTests
{
    private static readonly DateOnly Day = new(2021, 5, 1);

    private static readonly WindowCounts None = WindowCounts.Sum(182, []);

    private static IntersectionSnapshot Corner(string id, int? modelVersion = null, string? borough = null) =>
        new(id, id, null, null, borough, Day, None, None, None, 0, null,
            modelVersion is { } v ? new RiskAssessment(1, RiskClass.Safe, [1, 0, 0, 0, 0], 1, v) : null);

    [Fact]
    public async Task A_ranking_is_computed_once_for_the_queries_of_a_day()
    {
        var bucket = new SnapshotCache().For(generation: 1);
        var computed = 0;
        Task<ImmutableArray<IntersectionSnapshot>> Rank()
        {
            computed++;
            return Task.FromResult<ImmutableArray<IntersectionSnapshot>>([Corner("a"), Corner("b")]);
        }

        var first = await bucket.RankingAsync(Day, Rank);
        var second = await bucket.RankingAsync(Day, Rank);
        await bucket.RankingAsync(Day.AddDays(1), Rank);

        Assert.Equal(["a", "b"], second.Select(s => s.Id));
        Assert.Equal(first, second);
        Assert.Equal(2, computed); // once per day
    }

    [Fact]
    public async Task A_ranking_that_failed_or_was_scored_by_another_version_is_computed_again()
    {
        var bucket = new SnapshotCache().For(generation: 1); // no model served: every answer should carry none
        var computed = 0;
        Task<ImmutableArray<IntersectionSnapshot>> Failing()
        {
            computed++;
            throw new TimeoutException("a partition did not answer");
        }
        Task<ImmutableArray<IntersectionSnapshot>> MidSwap()
        {
            computed++;
            return Task.FromResult<ImmutableArray<IntersectionSnapshot>>([Corner("a", modelVersion: 7)]);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => bucket.RankingAsync(Day, Failing));
        await bucket.RankingAsync(Day, MidSwap);
        var again = await bucket.RankingAsync(Day, MidSwap);

        Assert.Equal(7, Assert.Single(again).Risk!.ModelVersion);
        Assert.Equal(3, computed);
    }

    [Fact]
    public async Task A_boroughs_list_is_the_rankings_order_filtered_from_the_same_single_computation()
    {
        var bucket = new SnapshotCache().For(generation: 1);
        var computed = 0;
        Task<ImmutableArray<IntersectionSnapshot>> Rank()
        {
            computed++;
            return Task.FromResult<ImmutableArray<IntersectionSnapshot>>(
            [
                Corner("q1", borough: "QUEENS"), Corner("b1", borough: "BROOKLYN"), Corner("u"),
                Corner("q2", borough: "QUEENS"), Corner("b2", borough: "BROOKLYN"),
            ]);
        }

        var queens = await bucket.RankingAsync(Day, Rank, "queens");
        var brooklyn = await bucket.RankingAsync(Day, Rank, "BROOKLYN");
        var bronx = await bucket.RankingAsync(Day, Rank, "BRONX");
        var whole = await bucket.RankingAsync(Day, Rank);

        Assert.Equal(["q1", "q2"], queens.Select(s => s.Id));
        Assert.Equal(["b1", "b2"], brooklyn.Select(s => s.Id));
        Assert.Empty(bronx);
        Assert.Equal(5, whole.Length);
        Assert.Equal(1, computed);
    }
}
