using Npgsql;

namespace VisionZero.Grid.Tests;

/// <summary>Independent answers straight from the raw crash table, to hold the grains to.</summary>
public static class BruteForce
{
    public static async Task<(int Crashes, int Injured, int Killed)> WindowAsync(
        string connectionString,
        string intersectionId,
        DateOnly asOf,
        int days)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), coalesce(sum(persons_injured), 0), coalesce(sum(persons_killed), 0) " +
            "FROM vz_crash_located " +
            "WHERE coalesce(intersection_id, attributed_intersection_id) = $1 AND crash_date BETWEEN $2 AND $3",
            connection);
        command.Parameters.AddWithValue(intersectionId);
        command.Parameters.AddWithValue(asOf.AddDays(1 - days));
        command.Parameters.AddWithValue(asOf);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    public static async Task<List<string>> IntersectionIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT coalesce(intersection_id, attributed_intersection_id) AS id FROM vz_crash_located " +
            "WHERE coalesce(intersection_id, attributed_intersection_id) IS NOT NULL ORDER BY id", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }
}
