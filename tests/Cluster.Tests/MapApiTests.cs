using System.Net;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>What the risk map reads: a box's corners or cells, a corner's months; bad input named.</summary>
[Collection(ProcessCollection.Name)]
public class MapApiTests(MapSilo silo) : IClassFixture<MapSilo>
{
    private const string City = "west=-74.27&south=40.49&east=-73.68&north=40.92";

    [Fact]
    public async Task A_box_lists_its_corners_or_groups_them_into_cells_that_add_up_to_the_same_corners()
    {
        var whole = JsonNode.Parse(await silo.Http.GetStringAsync($"/api/map/corners?{City}"))!;
        var corners = whole["corners"]!.AsArray();
        Assert.Equal("corners", whole["mode"]!.GetValue<string>());
        Assert.Equal(corners.Count, whole["total"]!.GetValue<int>());
        // The sample's located corners, each once, against the grid's own ranking.
        var ranked = JsonNode.Parse(await silo.Http.GetStringAsync("/api/intersections/top?k=200000"))!.AsArray();
        Assert.Equal(ranked.Count(c => c!["latitude"] is not null), corners.Count);
        Assert.Contains(corners, c => c!["id"]!.GetValue<string>() == "avenue-u--flatbush-avenue" &&
            c["class"]!.GetValue<int>() == 4);

        var grouped = JsonNode.Parse(await silo.Http.GetStringAsync($"/api/map/corners?{City}&max=10"))!;
        Assert.Equal("cells", grouped["mode"]!.GetValue<string>());
        var cells = grouped["cells"]!.AsArray();
        Assert.InRange(cells.Count, 2, corners.Count - 1);
        Assert.Equal(corners.Count, cells.Sum(c => c!["count"]!.GetValue<int>()));
        Assert.Equal(
            corners.Sum(c => c!["expected"]!.GetValue<double>()),
            cells.Sum(c => c!["expected"]!.GetValue<double>()),
            1);

        var empty = JsonNode.Parse(await silo.Http.GetStringAsync(
            "/api/map/corners?west=-74.2&south=40.5&east=-74.19&north=40.51"))!;
        Assert.Equal(0, empty["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_corners_months_run_from_its_first_crash_to_its_last_and_add_up_to_its_total()
    {
        var corner = JsonNode.Parse(await silo.Http.GetStringAsync("/api/intersections/avenue-u--flatbush-avenue"))!;
        var months = JsonNode.Parse(
            await silo.Http.GetStringAsync("/api/intersections/avenue-u--flatbush-avenue/months"))!.AsArray();
        Assert.Equal(corner["totalCrashes"]!.GetValue<int>(), months.Sum(m => m!["crashes"]!.GetValue<int>()));
        var names = months.Select(m => m!["month"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(corner["lastCrashDate"]!.GetValue<string>()[..7], names[^1]);
        Assert.True(months[0]!["crashes"]!.GetValue<int>() > 0);
        Assert.Equal(HttpStatusCode.NotFound,
            (await silo.Http.GetAsync("/api/intersections/no-such-street--nowhere-avenue/months")).StatusCode);
    }

    [Theory]
    [InlineData("/api/map/corners?south=40.5&east=-73.7&north=40.9", "west")]
    [InlineData("/api/map/corners?west=east&south=40.5&east=-73.7&north=40.9", "west")]
    [InlineData("/api/map/corners?west=-73.7&south=40.5&east=-74.2&north=40.9", "east")]
    [InlineData("/api/map/corners?west=-74.2&south=40.9&east=-73.7&north=40.5", "north")]
    [InlineData("/api/map/corners?west=-74.2&south=-95&east=-73.7&north=40.9", "south")]
    [InlineData("/api/map/corners?west=NaN&south=40.5&east=-73.7&north=40.9", "west")]
    [InlineData("/api/map/corners?west=-74.2&south=40.5&east=-73.7&north=40.9&max=0", "max")]
    [InlineData("/api/map/corners?west=-74.2&south=40.5&east=-73.7&north=40.9&max=1e9", "max")]
    [InlineData("/api/intersections/DROP_TABLE/months", "id")]
    public async Task A_bad_box_or_id_is_refused_naming_the_field(string path, string field)
    {
        var response = await silo.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), errors.ToJsonString());
    }
}
