using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Edge.Tests;

/// <summary>
/// IHistoryBatchGrain, what the edge's sync asks instead of each corner: for a batch of held digests it answers
/// exactly the corners a per-corner GetHistory would answer as changed, and refuses a batch it must not take.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class HistoryBatchTests(EdgeGridFixture fixture)
{
    private IHistoryBatchGrain Batch => fixture.Client.GetGrain<IHistoryBatchGrain>(0);

    [Fact]
    public async Task A_batch_answers_the_changed_corners_as_each_corner_would()
    {
        var partitions = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => fixture.Client.GetGrain<IDirectoryPartitionGrain>(p).GetAll()));
        var ids = partitions.SelectMany(p => p).Select(p => p.Id).Order(StringComparer.Ordinal)
            .Take(IHistoryBatchGrain.MaxCorners).ToList();
        var own = new Dictionary<string, IntersectionHistory>();
        foreach (var id in ids)
            if (await fixture.Client.GetGrain<IIntersectionGrain>(id).GetHistory(null) is { } history)
                own[id] = history;
        Assert.True(own.Count > 100, $"only {own.Count} of the grid's corners have crashes");

        var none = await Batch.Changed([.. ids.Select(id => new HeldDigest(id, null))]);
        Assert.Equal(own.Keys.Order(StringComparer.Ordinal), none.Select(h => h.Id).Order(StringComparer.Ordinal));
        foreach (var history in none)
        {
            Assert.Equal(own[history.Id].Digest, history.Digest);
            Assert.Equal(own[history.Id].Crashes.Select(c => (c.CollisionId, c.Day, c.Casualties)),
                history.Crashes.Select(c => (c.CollisionId, c.Day, c.Casualties)));
        }

        var current = ids.Select(id => new HeldDigest(id, own.GetValueOrDefault(id)?.Digest)).ToList();
        Assert.Empty(await Batch.Changed([.. current]));
        var stale = own.Keys.First();
        current[ids.IndexOf(stale)] = new HeldDigest(stale, "not-the-digest");
        Assert.Equal([stale], (await Batch.Changed([.. current])).Select(h => h.Id));
    }

    [Fact]
    public async Task A_batch_too_big_or_holding_what_is_no_corner_id_is_refused_by_name()
    {
        var tooMany = Enumerable.Range(0, IHistoryBatchGrain.MaxCorners + 1)
            .Select(i => new HeldDigest($"street-{i}--avenue-{i}", null)).ToImmutableArray();
        var big = await Assert.ThrowsAsync<ArgumentException>(() => Batch.Changed(tooMany));
        Assert.Contains($"at most {IHistoryBatchGrain.MaxCorners}", big.Message);

        var huge = new string('a', 150) + "--" + new string('b', 151);
        foreach (var bad in new[] { "", "FLATBUSH AVENUE", "a--b\n", huge })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(
                () => Batch.Changed([new HeldDigest("avenue-u--flatbush-avenue", null), new HeldDigest(bad, null)]));
            Assert.Contains("corner 2 of the batch is not an intersection id", error.Message);
        }
    }
}
