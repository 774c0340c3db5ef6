using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;
using VisionZero.Risk;

namespace VisionZero.Edge.Tests;

/// <summary>
/// GET /risk and /status on the device's loopback port, answered from the copy with no cluster; bad queries
/// get a problem naming the parameter, by class: missing, not a number, out of range, not finite.
/// </summary>
[Collection(EdgeGridCollection.Name)]
public sealed class LocalEndpointTests(EdgeGridFixture fixture) : IAsyncLifetime
{
    private const int Port = 25091;
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-http-").FullName;
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };
    private EdgeRuntime _edge = null!;
    private CornerCopy _corner = null!;

    public async Task InitializeAsync()
    {
        using (var grid = new EdgeGrid(EdgeStore.Open(Path.Combine(_folder, "edge.db"))))
        {
            await new ModelSync(fixture.Client, grid).RunAsync();
            await new AreaSync(fixture.Client, grid).RunAsync(AreaSpec.OfBorough("BROOKLYN"), CancellationToken.None);
        }
        _edge = new EdgeRuntime(new EdgeSettings(_folder, AreaSpec.AroundFirstFix(), Offline: true, HttpPort: Port),
            NullLoggerFactory.Instance);
        _edge.Start();
        _corner = _edge.Grid.View.Corners.OrderByDescending(c => c.History.Count).First();
    }

    [Fact]
    public async Task Risk_answers_the_corners_around_a_point_from_the_copy_marked_stale_offline()
    {
        var (lat, lon) = (_corner.Latitude!.Value, _corner.Longitude!.Value);
        using var answer = await GetJsonAsync(FormattableString.Invariant($"risk?lat={lat}&lon={lon}"));
        var root = answer.RootElement;
        Assert.Equal(_edge.Grid.Model!.Version, root.GetProperty("modelVersion").GetInt32());
        Assert.Equal(_edge.Grid.AsOf!.Value.ToString("yyyy-MM-dd"), root.GetProperty("asOf").GetString());
        Assert.True(root.GetProperty("stale").GetBoolean());
        var nearest = root.GetProperty("corners")[0];
        Assert.Equal(_corner.Id, nearest.GetProperty("id").GetString());
        var risk = AreaView.Assess(_edge.Grid.Model!, _corner, _edge.Grid.AsOf!.Value);
        Assert.Equal(risk.RiskScore, nearest.GetProperty("risk").GetProperty("riskScore").GetDouble(), 9);
        Assert.Equal(risk.RiskClass.ToString(), nearest.GetProperty("risk").GetProperty("riskClass").GetString());
    }

    [Fact]
    public async Task Status_names_the_version_day_area_and_why_the_edge_is_not_connected()
    {
        using var status = await GetJsonAsync("status");
        var root = status.RootElement;
        Assert.Equal(_edge.Grid.Model!.Version, root.GetProperty("modelVersion").GetInt32());
        Assert.Equal(_edge.Grid.View.Corners.Count, root.GetProperty("corners").GetInt32());
        Assert.Equal("borough BROOKLYN", root.GetProperty("area").GetString());
        Assert.False(root.GetProperty("connected").GetBoolean());
        Assert.Contains("offline", root.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("fixesSkipped").ValueKind);
    }

    [Fact]
    public async Task A_dangerous_corner_on_the_heading_raises_the_alert_and_behind_does_not()
    {
        var view = _edge.Grid.View;
        var index = Enumerable.Range(0, view.Corners.Count).First(i => view.Risks[i]?.RiskClass == RiskClass.Dangerous);
        var corner = view.Corners[index];
        // 250 m south of the corner: heading north it is ahead, heading south it is behind.
        var lat = corner.Latitude!.Value - 250 / 111_195.0;
        var lon = corner.Longitude!.Value;
        using var north = await GetJsonAsync(FormattableString.Invariant($"risk?lat={lat}&lon={lon}&course=0"));
        var ahead = north.RootElement.GetProperty("dangerAhead");
        Assert.Equal("Dangerous", ahead.GetProperty("risk").GetProperty("riskClass").GetString());
        Assert.InRange(ahead.GetProperty("distanceM").GetDouble(), RiskLookup.AheadMinimumM, 251);
        using var south = await GetJsonAsync(FormattableString.Invariant($"risk?lat={lat}&lon={lon}&course=180"));
        if (south.RootElement.TryGetProperty("dangerAhead", out var behind))
            Assert.NotEqual(corner.Id, behind.GetProperty("id").GetString());
        using var still = await GetJsonAsync(FormattableString.Invariant($"risk?lat={lat}&lon={lon}"));
        Assert.False(still.RootElement.TryGetProperty("dangerAhead", out _), "no heading, no alert");
    }

    [Theory]
    [InlineData("risk", "lat")]
    [InlineData("risk?lon=-73.9", "lat")]
    [InlineData("risk?lat=abc&lon=-73.9", "lat")]
    [InlineData("risk?lat=91&lon=-73.9", "lat")]
    [InlineData("risk?lat=NaN&lon=-73.9", "lat")]
    [InlineData("risk?lat=1e309&lon=-73.9", "lat")]
    [InlineData("risk?lat=40.6&lon=", "lon")]
    [InlineData("risk?lat=40.6&lon=-181", "lon")]
    [InlineData("risk?lat=40.6&lon=-73.9%00", "lon")]
    [InlineData("risk?lat=40.6&lon=-73.9&course=400", "course")]
    [InlineData("risk?lat=40.6&lon=-73.9&course=north", "course")]
    public async Task A_bad_query_gets_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        using var response = await _http.GetAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(parameter + " must be", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Other_paths_and_methods_are_refused_without_echoing_a_long_path()
    {
        using var missing = await _http.GetAsync("nope/" + new string('x', 10_000));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True((await missing.Content.ReadAsStringAsync()).Length < 400);
        using var post = await _http.PostAsync("risk?lat=40.6&lon=-73.9", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        using var after = await _http.GetAsync("status");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _edge.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
