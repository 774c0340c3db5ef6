namespace VisionZero.Grid;

/// <summary>
/// An intersection's crashes sorted by day, answering windows exactly as of any day by binary search.
/// Pure and allocation-light: the grain, the benchmarks and (later) the edge all use this one code path.
/// </summary>
public sealed class CrashHistory
{
    private readonly List<CrashEntry> _crashes;

    public CrashHistory(IEnumerable<CrashEntry>? crashes = null)
    {
        _crashes = crashes is null ? [] : [.. crashes];
        _crashes.Sort(Compare);
    }

    public int Count => _crashes.Count;

    public IReadOnlyList<CrashEntry> Crashes => _crashes;

    public DateOnly? FirstDate => _crashes.Count == 0 ? null : _crashes[0].Date;

    public DateOnly? LastDate => _crashes.Count == 0 ? null : _crashes[^1].Date;

    /// <summary>Adds or replaces crashes by collision id; returns how many changed the history.</summary>
    public int Upsert(IEnumerable<CrashEntry> crashes, IEnumerable<long> removals)
    {
        // Sized once: an ingest applies every corner's crashes in one call, and growing it would reallocate
        // for every corner of the grid.
        var byId = new Dictionary<long, CrashEntry>(
            _crashes.Count + (crashes.TryGetNonEnumeratedCount(out var incoming) ? incoming : 0));
        foreach (var crash in _crashes)
            byId[crash.CollisionId] = crash;
        var changed = 0;
        foreach (var id in removals)
            changed += byId.Remove(id) ? 1 : 0;
        foreach (var crash in crashes)
        {
            if (byId.TryGetValue(crash.CollisionId, out var existing) && existing == crash)
                continue;
            byId[crash.CollisionId] = crash;
            changed++;
        }
        if (changed == 0)
            return 0;
        _crashes.Clear();
        _crashes.AddRange(byId.Values);
        _crashes.Sort(Compare);
        return changed;
    }

    /// <summary>Crashes and casualties in the <paramref name="days"/> days ending on <paramref name="asOf"/>.</summary>
    public WindowCounts Window(DateOnly asOf, int days)
    {
        var end = UpperBound(asOf.DayNumber);
        var start = LowerBound(asOf.DayNumber - days + 1);
        return WindowCounts.Sum(
            days,
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_crashes)[start..Math.Max(start, end)]);
    }

    /// <summary>
    /// The crashes from <paramref name="firstDay"/> to <paramref name="lastDay"/> (day numbers, inclusive).
    /// </summary>
    public ReadOnlySpan<CrashEntry> Between(int firstDay, int lastDay)
    {
        var start = LowerBound(firstDay);
        var end = UpperBound(lastDay);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_crashes)[start..Math.Max(start, end)];
    }

    /// <summary>Crash counts only, for many as-of days at once (training snapshots, benchmarks).</summary>
    public void CountWindows(ReadOnlySpan<int> asOfDays, int days, Span<int> counts)
    {
        for (var i = 0; i < asOfDays.Length; i++)
            counts[i] = UpperBound(asOfDays[i]) - LowerBound(asOfDays[i] - days + 1);
    }

    /// <summary>The median of the crashes' coordinates: robust to the stray geocodes NYPD data has.</summary>
    public (double Latitude, double Longitude)? MedianLocation()
    {
        var lats = new List<float>(_crashes.Count);
        var lons = new List<float>(_crashes.Count);
        foreach (var crash in _crashes)
        {
            if (!crash.HasCoordinates)
                continue;
            lats.Add(crash.Latitude);
            lons.Add(crash.Longitude);
        }
        return lats.Count == 0 ? null : (Median(lats), Median(lons));
    }

    private static double Median(List<float> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + (double)values[mid]) / 2;
    }

    /// <summary>Index of the first crash on or after <paramref name="day"/>.</summary>
    private int LowerBound(int day)
    {
        int lo = 0, hi = _crashes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_crashes[mid].Day < day) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the first crash after <paramref name="day"/>.</summary>
    private int UpperBound(int day) => LowerBound(day + 1);

    private static int Compare(CrashEntry a, CrashEntry b) =>
        a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.CollisionId.CompareTo(b.CollisionId);
}
