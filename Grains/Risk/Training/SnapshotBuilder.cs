using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Grains.Risk.Training;

/// <summary>Asks every corner of the directory for its rows at all snapshot days, one call per corner.</summary>
public static class SnapshotBuilder
{
    private const int ChunkSize = 16_384;

    public static async Task<SnapshotSet> BuildAsync(
        IGrainFactory grains, ImmutableArray<DateOnly> days, DateOnly labelsUntil, int concurrency,
        ImmutableArray<DateOnly> trainingDays = default)
    {
        var partitions = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => grains.GetGrain<IDirectoryPartitionGrain>(p).GetAll()));
        // Sorted ids: the same grid always gives the same rows in the same order (seeded sampling relies on it).
        var ids = partitions.SelectMany(p => p).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        var set = new SnapshotSet(days, labelsUntil, trainingDays);
        // In chunks, so the grains' answers are copied into the set and dropped as they come,
        // instead of all 150,000 being held beside the set at the end.
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var rows = await FanOut.Run(chunk, concurrency,
                id => grains.GetGrain<IIntersectionGrain>(id).GetTrainingRows(days, labelsUntil));
            for (var i = 0; i < chunk.Length; i++)
                set.Add(chunk[i], rows[i]);
        }
        return set;
    }

    /// <summary>
    /// First days of months, from the first with enough history to the last whose label window has
    /// passed, the latest <paramref name="months"/> of them.
    /// </summary>
    public static ImmutableArray<DateOnly> MonthlyDays(
        DateOnly earliest, DateOnly latest, int months, int minimumHistoryDays)
    {
        var first = earliest.AddDays(minimumHistoryDays);
        var last = latest.AddDays(-VisionZero.Risk.RiskFeatures.HorizonDays);
        var day = new DateOnly(last.Year, last.Month, 1);
        var days = new List<DateOnly>();
        while (day >= first && days.Count < months)
        {
            days.Add(day);
            day = day.AddMonths(-1);
        }
        days.Reverse();
        return [.. days];
    }
}
