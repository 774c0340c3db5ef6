using VisionZero.CrashData;

namespace VisionZero.Grains.Ingest;

/// <summary>
/// The same street pairs come back thousands of times in a file; canonicalising each pair once per
/// run saves most of the per-row cost. Bounded, so a hostile file of unique names cannot grow it.
/// </summary>
internal sealed class IntersectionKeyCache
{
    private const int MaxEntries = 500_000;
    private readonly Dictionary<(string?, string?), IntersectionKey?> _keys = [];

    public IntersectionKey? Of(string? onStreet, string? crossStreet)
    {
        if (_keys.TryGetValue((onStreet, crossStreet), out var key))
            return key;
        key = IntersectionKey.TryCreate(onStreet, crossStreet);
        if (_keys.Count < MaxEntries)
            _keys[(onStreet, crossStreet)] = key;
        return key;
    }
}
