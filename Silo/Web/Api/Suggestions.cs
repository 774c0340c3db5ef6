using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>The closest names for a 404: most words shared with what was asked (canonical words, any order).</summary>
public static class Suggestions
{
    public static async Task<IReadOnlyList<object>> ClosestAsync(IGrainFactory grains, string asked, int count)
    {
        var wanted = Words(asked.Replace('-', ' '));
        if (wanted.Count == 0)
            return [];
        var partitions = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => grains.GetGrain<IDirectoryPartitionGrain>(p).GetAll()));
        return [.. partitions.SelectMany(p => p)
            .Select(p => (p.Id, p.Name, Score: Overlap(wanted, Words(p.Name))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(x => (object)new { id = x.Id, name = x.Name })];
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split([' ', '&', ',', '/'], StringSplitOptions.RemoveEmptyEntries))
            words.Add(CrashData.StreetName.Canonical(part) ?? part.ToUpperInvariant());
        return words;
    }

    private static double Overlap(HashSet<string> wanted, HashSet<string> name) =>
        (double)wanted.Count(name.Contains) / (wanted.Count + name.Count);
}
