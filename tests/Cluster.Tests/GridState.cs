using System.IO.Compression;
using System.Text.Json.Nodes;
using nietras.SeparatedValues;
using Npgsql;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// What a grid holds, corner by corner: the grains' answers (every corner, from the hotspot list) and
/// the crash store's count of crashes located at each corner (named or attributed).
/// </summary>
public sealed record GridState(
    IReadOnlyDictionary<string, IntersectionAnswer> Grains, IReadOnlyDictionary<string, long> Store)
{
    public static async Task<GridState> ReadAsync(TestDatabase database, int siloPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(siloPort)}") };
        var top = JsonNode.Parse(await http.GetStringAsync("/api/intersections/top?k=200000"))!.AsArray();
        var grains = new Dictionary<string, IntersectionAnswer>(StringComparer.Ordinal);
        foreach (var corner in top)
        {
            grains[corner!["id"]!.GetValue<string>()] = new IntersectionAnswer(
                corner["totalCrashes"]!.GetValue<int>(), corner["accidents5y"]!.GetValue<int>(),
                corner["personsInjured5y"]!.GetValue<int>(),
                corner["latitude"]?.GetValue<double>(), corner["longitude"]?.GetValue<double>());
        }
        var store = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(intersection_id, attributed_intersection_id), count(*) FROM vz_crash_located " +
            "WHERE coalesce(intersection_id, attributed_intersection_id) IS NOT NULL GROUP BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            store[reader.GetString(0)] = reader.GetInt64(1);
        return new GridState(grains, store);
    }

    /// <summary>
    /// Writes the rows of <paramref name="file"/> whose collision ids the store holds, in file order.
    /// </summary>
    public static async Task ExportStoredAsync(TestDatabase database, string file, string destination)
    {
        var ids = new HashSet<long>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT collision_id FROM vz_crash", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                ids.Add(reader.GetInt64(0));
        }
        using var input = Sep.Reader().From(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
        await using var writer = new StreamWriter(destination);
        await writer.WriteLineAsync(input.Header.ToString());
        var idColumn = input.Header.IndexOf("COLLISION_ID");
        foreach (var row in input)
        {
            if (ids.Contains(long.Parse(row[idColumn].Span)))
                await writer.WriteLineAsync(row.Span.ToString());
        }
    }
}

public readonly record struct IntersectionAnswer(
    int Total,
    int FiveYears,
    int Injured5y,
    double? Latitude,
    double? Longitude);

/// <summary>Intersections whose grain answers or store counts differ between two grids, and the totals.</summary>
internal sealed record GridComparison(int Intersections, int Differing, int Higher, int Lower, int Moved,
    long CleanTotal, long RecoveredTotal, int StoreDiffering)
{
    public static GridComparison Of(GridState clean, GridState recovered)
    {
        int differing = 0, higher = 0, lower = 0, moved = 0;
        foreach (var id in clean.Grains.Keys.Union(recovered.Grains.Keys))
        {
            var a = clean.Grains.GetValueOrDefault(id);
            var b = recovered.Grains.GetValueOrDefault(id);
            if (a == b)
                continue;
            differing++;
            higher += b.Total > a.Total ? 1 : 0;
            lower += b.Total < a.Total ? 1 : 0;
            moved += b.Total == a.Total ? 1 : 0;
        }
        var storeDiffering = clean.Store.Keys.Union(recovered.Store.Keys)
            .Count(id => clean.Store.GetValueOrDefault(id) != recovered.Store.GetValueOrDefault(id));
        return new GridComparison(clean.Grains.Count, differing, higher, lower, moved,
            clean.Grains.Values.Sum(c => (long)c.Total),
            recovered.Grains.Values.Sum(c => (long)c.Total),
            storeDiffering);
    }

    public override string ToString() =>
        $"{Differing:N0} of {Intersections:N0} corners differ from the clean ingest " +
        $"({Higher:N0} higher, {Lower:N0} lower, " +
        $"{Moved:N0} same count but other crashes or place); crashes {RecoveredTotal:N0} against {CleanTotal:N0}; " +
        $"store counts differ at {StoreDiffering:N0} corners";
}
