using VisionZero.Grid;

namespace VisionZero.Grains.Ingest;

/// <summary>Changes waiting for one corner until the run flushes them in one call (and one write).</summary>
internal sealed class PendingIntersection(string? name)
{
    public string? Name { get; set; } = name;
    public string? Borough { get; set; }
    public List<CrashEntry> Upserts { get; private set; } = [];
    public List<long> Removals { get; private set; } = [];

    /// <summary>Drops the lists once they are sent, so a 2-million-crash flush does not hold them twice.</summary>
    public void Release()
    {
        Upserts = [];
        Removals = [];
    }

    public CrashEntry? AnyCrashWithCoordinates()
    {
        foreach (var crash in Upserts)
        {
            if (crash.HasCoordinates)
                return crash;
        }
        return null;
    }

    /// <summary>A first guess at where a corner new to the grid is, for attributing coordinate-only crashes.</summary>
    public (double Latitude, double Longitude)? ProvisionalLocation() => new CrashHistory(Upserts).MedianLocation();
}
