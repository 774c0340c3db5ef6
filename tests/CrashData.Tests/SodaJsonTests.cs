using System.Text.Json;
using System.Text.Json.Nodes;
using VisionZero.CrashData;

namespace VisionZero.CrashData.Tests;

[Trait("Category", "Fast")]
public class SodaJsonTests
{
    /// <summary>
    /// Rebuilds the API's JSON from the recorded page: strings only, nulls omitted, location as an object.
    /// </summary>
    private static string ToSodaJson(IEnumerable<Dictionary<string, string>> rows)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var record = new JsonObject();
            foreach (var (key, value) in row)
            {
                if (value.Length == 0 || key == "location")
                    continue;
                record[key] = value;
            }
            if (row.GetValueOrDefault("latitude") is { Length: > 0 } lat)
                record["location"] = new JsonObject
                {
                    ["latitude"] = lat,
                    ["longitude"] = row["longitude"],
                    ["human_address"] = "{}",
                };
            array.Add(record);
        }
        return array.ToJsonString();
    }

    [Fact]
    public async Task Soda_json_reads_the_same_records_as_the_same_page_in_csv()
    {
        var path = SharedData.Fixture(SharedData.SodaCsv);
        var fromCsv = await ReaderFiles.ReadAllAsync(path);
        var fromJson = await ReaderFiles.ReadTextAsync(ToSodaJson(RawStreets.Rows(path)));
        Assert.Equal(1_000, fromJson.Count);
        Assert.Equal(fromCsv.Select(r => r.Record?.CollisionId), fromJson.Select(r => r.Record?.CollisionId));
        Assert.Equal(fromCsv.Select(r => r.Record?.Intersection?.Id), fromJson.Select(r => r.Record?.Intersection?.Id));
        Assert.Equal(
            fromCsv.Count(r => r.Record?.HasCoordinates == true),
            fromJson.Count(r => r.Record?.HasCoordinates == true));
    }

    [Fact]
    public async Task Coordinates_come_from_the_location_object_when_latitude_is_omitted()
    {
        var json = """
            [{"crash_date":"2023-11-01T00:00:00.000","collision_id":"1","on_street_name":"OCEAN PARKWAY",
            "location":{"latitude":"40.62179","longitude":"-73.970024","human_address":"{}"}}]
            """;
        var row = Assert.Single(await ReaderFiles.ReadTextAsync(json));
        Assert.Equal(40.62179, row.Record!.Latitude);
        Assert.Equal(-73.970024, row.Record.Longitude);
    }

    [Fact]
    public async Task Wrong_json_types_are_rejected_with_the_field_named()
    {
        // The fourth record runs on from the first literal into the second, with no line break between them.
        var json = """
            [{"crash_date":"2023-11-01","collision_id":"1","on_street_name":"A ST","off_street_name":"B ST"},
            {"crash_date":"2023-11-01","collision_id":{"nested":1},"on_street_name":"A ST","off_street_name":"B ST"},
            {"crash_date":20231101,"collision_id":"3","on_street_name":"A ST","off_street_name":"B ST"},
            {"crash_date":"2023-11-01","collision_id":"4","on_street_name":"A ST","off_street_name":"B ST",
            """ + """
            "number_of_persons_injured":[1]},
            "not a record"]
            """;
        var rows = await ReaderFiles.ReadTextAsync(json);
        Assert.Equal(5, rows.Count);
        Assert.NotNull(rows[0].Record);
        Assert.Equal(RejectReason.BadId, rows[1].Rejected!.Reason);
        Assert.Equal(RejectReason.BadDate, rows[2].Rejected!.Reason);
        Assert.Equal(RejectReason.BadCount, rows[3].Rejected!.Reason);
        Assert.Contains("NUMBER OF PERSONS INJURED", rows[3].Rejected!.Detail);
        Assert.Equal(RejectReason.MalformedRow, rows[4].Rejected!.Reason);
    }

    [Theory]
    [InlineData("""[{"name":"weather","temp":12}]""")]
    [InlineData("""[1, 2, 3]""")]
    public async Task Json_that_is_not_crash_records_is_refused(string json)
    {
        await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadTextAsync(json));
    }

    [Fact]
    public async Task An_empty_json_array_has_no_rows() =>
        Assert.Empty(await ReaderFiles.ReadTextAsync("[]"));
}
