using VisionZero.CrashData;
using VisionZero.Risk.Now;

namespace VisionZero.Benchmarks;

/// <summary>The keyed crashes of an export that carry a time, by corner index; a repeated id keeps its last row.
/// </summary>
public sealed record TimedCrashes(IReadOnlyList<string> Corners, IReadOnlyList<TimedCrash> Crashes, long Untimed);

public static class TimedCrashLoader
{
    /// <exception cref="ArgumentException">
    /// The file is missing or is not a crash export; the message names it.
    /// </exception>
    public static async Task<TimedCrashes> LoadAsync(string path, DateOnly today)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"no such file '{path}'");
        var cornerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var corners = new List<string>();
        var byId = new Dictionary<long, TimedCrash?>();
        try
        {
            using var source = await CrashFileReader.OpenAsync(File.OpenRead(path), today);
            await foreach (var row in source.ReadAsync())
            {
                if (row.Record is not { Intersection: { } key } record)
                    continue;
                if (record.MinuteOfDay < 0)
                {
                    byId[record.CollisionId] = null;
                    continue;
                }
                if (!cornerOf.TryGetValue(key.Id, out var corner))
                {
                    cornerOf[key.Id] = corner = corners.Count;
                    corners.Add(key.Id);
                }
                byId[record.CollisionId] = new TimedCrash(
                    corner, record.CrashDate, HourOfWeek.Of(record.CrashDate, record.MinuteOfDay));
            }
        }
        catch (CrashFileFormatException error)
        {
            throw new ArgumentException($"{path}: {error.Message}", error);
        }
        var timed = byId.Values.OfType<TimedCrash>().ToList();
        return new TimedCrashes(corners, timed, byId.Count - timed.Count);
    }
}
