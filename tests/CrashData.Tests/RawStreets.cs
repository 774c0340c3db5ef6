using nietras.SeparatedValues;

namespace VisionZero.CrashData.Tests;

/// <summary>An independent, minimal read of a portal CSV for brute-force checks (not the product's reader).</summary>
internal static class RawStreets
{
    public static IEnumerable<(string On, string Cross)> Read(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        var on = reader.Header.IndexOf("ON STREET NAME");
        var cross = reader.Header.IndexOf("CROSS STREET NAME");
        foreach (var row in reader)
            yield return (row[on].ToString(), row[cross].ToString());
    }

    public static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var names = reader.Header.ColNames;
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(names.Count, row.ColCount); i++)
                values[names[i]] = row[i].ToString();
            yield return values;
        }
    }
}
