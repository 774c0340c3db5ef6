using System.Diagnostics;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Benchmarks;

/// <summary>What reading one export produced: a history per canonical intersection, plus the counts.</summary>
public sealed record LoadedHistories(
    string[] Ids,
    CrashHistory[] Histories,
    long Rows,
    long Accepted,
    long Keyed,
    long Duplicates,
    DateOnly? FirstAccepted,
    DateOnly? LastAccepted,
    DateOnly? FirstKeyed,
    DateOnly? LastKeyed,
    TimeSpan ReadTime,
    TimeSpan BuildTime);

/// <summary>
/// Streams an export through the product reader and builds the per-intersection histories the grains
/// would hold. Coordinate-only crashes are left out: the grid attributes them only against a live corner
/// index, and the peers have no equivalent either.
/// </summary>
public static class HistoryLoader
{
    /// <exception cref="ArgumentException">
    /// The file is missing or is not a crash export; the message names it.
    /// </exception>
    public static async Task<LoadedHistories> LoadAsync(string path, DateOnly today)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"no such file '{path}'");
        try
        {
            return await ReadAsync(path, today);
        }
        catch (CrashFileFormatException error)
        {
            throw new ArgumentException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>
    /// As <see cref="LoadAsync"/>, for the commands that need crashes: a file with none accepted is refused, naming it.
    /// </summary>
    public static async Task<(LoadedHistories Loaded, DateOnly First, DateOnly Last)> LoadCrashesAsync(
        string path,
        DateOnly today)
    {
        var loaded = await LoadAsync(path, today);
        if (loaded.FirstAccepted is not { } first || loaded.LastAccepted is not { } last)
            throw new ArgumentException($"{path}: no crash in it was accepted ({loaded.Rows} rows read)");
        return (loaded, first, last);
    }

    private static async Task<LoadedHistories> ReadAsync(string path, DateOnly today)
    {
        var clock = Stopwatch.StartNew();
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        // Keyed by collision id so a repeated id replaces the earlier row, as the crash store does.
        var latest = new Dictionary<long, (int Group, CrashEntry Entry)>();
        long rows = 0, accepted = 0, duplicates = 0;
        DateOnly? firstAccepted = null, lastAccepted = null;

        using (var source = await CrashFileReader.OpenAsync(File.OpenRead(path), today))
        {
            await foreach (var row in source.ReadAsync())
            {
                rows++;
                if (row.Record is not { } record)
                    continue;
                accepted++;
                var day = record.CrashDate;
                if (firstAccepted is null || day < firstAccepted) firstAccepted = day;
                if (lastAccepted is null || day > lastAccepted) lastAccepted = day;
                if (record.Intersection is not { } key)
                    continue;
                var id = key.Id;
                if (!groupOf.TryGetValue(id, out var group))
                {
                    groupOf[id] = group = ids.Count;
                    ids.Add(id);
                }
                if (latest.ContainsKey(record.CollisionId))
                    duplicates++;
                latest[record.CollisionId] = (group, CrashEntry.From(record));
            }
        }
        var readTime = clock.Elapsed;

        clock.Restart();
        var members = new List<CrashEntry>?[ids.Count];
        DateOnly? firstKeyed = null, lastKeyed = null;
        foreach (var (group, entry) in latest.Values)
        {
            (members[group] ??= []).Add(entry);
            var day = entry.Date;
            if (firstKeyed is null || day < firstKeyed) firstKeyed = day;
            if (lastKeyed is null || day > lastKeyed) lastKeyed = day;
        }
        // A corner whose only crash was re-keyed by a later duplicate has nothing left: drop it.
        var keptIds = new List<string>(ids.Count);
        var histories = new List<CrashHistory>(ids.Count);
        for (var g = 0; g < ids.Count; g++)
        {
            if (members[g] is not { Count: > 0 } list)
                continue;
            keptIds.Add(ids[g]);
            histories.Add(new CrashHistory(list));
        }
        var buildTime = clock.Elapsed;

        return new LoadedHistories([.. keptIds], [.. histories], rows, accepted, latest.Count, duplicates,
            firstAccepted, lastAccepted, firstKeyed, lastKeyed, readTime, buildTime);
    }
}
