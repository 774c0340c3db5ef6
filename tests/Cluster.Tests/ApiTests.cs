using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>The read API against the embedded silo with the bundled sample and its first model.</summary>
[Collection(ProcessCollection.Name)]
public class ApiTests
{
    private const int SiloPort = 31140;
    private const string Gateway = "127.0.0.1:31030";
    private const string Corner = "avenue-u--flatbush-avenue";

    [Fact]
    public async Task Reads_answer_like_vz_and_two_thousand_bad_requests_get_problems_naming_the_field_never_a_5xx()
    {
        // Rate limiting off (as for load tests): this test sends a thousand requests in a few seconds.
        await using var silo = await SiloProcess.StartAsync(
            SiloPort, 31030, postgres: null, "Grid ready", "--VZ_RATE_LIMIT_PER_SECOND", "0");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort)}") };

        var resource = await WaitForModelAsync(http);
        var (_, vzJson, _) = await Vz.RunAsync("intersection", Corner, "--json", "--gateway", Gateway);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(vzJson), resource), $"api: {resource}\nvz: {vzJson}");
        Assert.Equal("Dangerous", resource["riskClass"]!.GetValue<string>());

        var byName = await GetJsonAsync(
            http,
            "/api/intersections?name=" + Uri.EscapeDataString("Flatbush Ave & Avenue U"));
        Assert.Equal(Corner, byName["id"]!.GetValue<string>());

        var missing = await http.GetAsync(
            "/api/intersections?name=" + Uri.EscapeDataString("Avenue U & Flatbush Blvd"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Contains(problem["suggestions"]!.AsArray(), s => s!["id"]!.GetValue<string>() == Corner);

        var near = await GetJsonAsync(http, "/api/risk/near?lat=40.6098&lon=-73.9225&radiusM=400");
        var corners = near["intersections"]!.AsArray();
        Assert.NotEmpty(corners);
        var distances = corners.Select(c => c!["distanceM"]!.GetValue<double>()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 400));
        Assert.Equal(corners.Count, near["summary"]!["intersections"]!.GetValue<int>());
        Assert.Equal(
            corners.Sum(c => c!["riskScore"]!.GetValue<double>()),
            near["summary"]!["expectedCrashes"]!.GetValue<double>(),
            2);

        // The list holds the nearest `limit` corners; the summary still counts and sums every corner in the radius.
        var nearest = await GetJsonAsync(http, "/api/risk/near?lat=40.6098&lon=-73.9225&radiusM=400&limit=2");
        Assert.Equal(
            corners.Take(2).Select(c => c!["id"]!.GetValue<string>()),
            nearest["intersections"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(near["summary"]!.ToJsonString(), nearest["summary"]!.ToJsonString());

        // Brief by default: place, counts and forecast; detail=full lists each corner as its own route answers it.
        var brief = corners[0]!.AsObject();
        Assert.Equal(
            ["accidents1y", "accidents5y", "accidents6m", "borough", "confidence", "distanceM", "id", "latitude",
             "longitude", "modelVersion", "name", "riskClass", "riskScore"],
            brief.Select(p => p.Key).Order(StringComparer.Ordinal));
        var full = (await GetJsonAsync(http, "/api/risk/near?lat=40.6098&lon=-73.9225&radiusM=400&limit=3&detail=full"))
            ["intersections"]!.AsArray();
        foreach (var corner in full)
        {
            var id = corner!["id"]!.GetValue<string>();
            var alone = (await GetJsonAsync(http, $"/api/intersections/{id}")).AsObject();
            var listed = corner.AsObject().Where(p => p.Key != "distanceM").ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(alone.Select(p => p.Key).Order(), listed.Keys.Order());
            Assert.All(alone, p => Assert.Equal(p.Value?.ToJsonString(), listed[p.Key]?.ToJsonString()));
        }
        Assert.Equal(brief["riskScore"]!.GetValue<double>(), full[0]!["riskScore"]!.GetValue<double>());

        var top = (await GetJsonAsync(http, "/api/intersections/top?k=5&borough=brooklyn")).AsArray();
        Assert.Equal(5, top.Count);
        Assert.Equal(Corner, top[0]!["id"]!.GetValue<string>());
        // A borough's list is the whole ranking's order, filtered.
        var whole = (await GetJsonAsync(http, "/api/intersections/top?k=200000")).AsArray();
        var brooklyn = (await GetJsonAsync(http, "/api/intersections/top?k=200000&borough=Brooklyn")).AsArray();
        Assert.Equal(
            whole.Where(c => c!["borough"]?.GetValue<string>() == "BROOKLYN").Select(c => c!["id"]!.GetValue<string>()),
            brooklyn.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Empty((await GetJsonAsync(http, "/api/intersections/top?borough=STATEN%20ISLAND")).AsArray());

        foreach (var (path, field) in new[]
                 {
                     ("/api/risk/near?lat=10&lon=-73.9", "lat"),
                     ("/api/risk/near?lat=north&lon=-73.9", "lat"),
                     ("/api/risk/near?lat=40.6&lon=-73.9&radiusM=5000", "radiusM"),
                     ("/api/risk/near?lat=40.6&lon=-73.9&limit=0", "limit"),
                     ("/api/risk/near?lat=40.6&lon=-73.9&limit=ten", "limit"),
                     ("/api/risk/near?lat=40.6&lon=-73.9&limit=1e9", "limit"),
                     ("/api/risk/near?lat=40.6&lon=-73.9&detail=everything", "detail"),
                     ("/api/risk/near?lon=-73.9", "lat"),
                     ("/api/risk/near?lat=40.6&lon=-73.9&asOf=2020-13-01", "asOf"),
                     ("/api/intersections/top?k=0", "k"),
                     ("/api/intersections/top?k=1e9", "k"),
                     ("/api/intersections/top?borough=atlantis", "borough"),
                     ("/api/intersections?name=FLATBUSH", "name"),
                     ("/api/intersections", "name"),
                     ("/api/intersections/DROP_TABLE", "id"),
                     // Route values are taken only as written: an escape is refused before the id is read.
                     ("/api/intersections/DROP%20TABLE", "path"),
                 })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{path}: {errors}");
        }

        // Generated hostile requests: whatever comes in, the answer is 2xx/4xx and the silo keeps serving.
        var random = new Random(11);
        string[] junk =
        [
            "", "-", "NaN", "Infinity", "1e309", "'; DROP TABLE vz_crash; --", "\u0000", "%00", "%ZZ", "💥",
            new string('9', 5000), "40.6&lat=1", "<script>",
        ];
        string[] paths =
        [
            "/api/risk/near?lat={0}&lon={1}&radiusM={2}", "/api/intersections/top?k={0}&borough={1}&asOf={2}",
            "/api/intersections?name={0}&asOf={1}", "/api/intersections/{0}?asOf={1}",
            "/api/risk/near?lat=40.6&lon=-73.9&limit={0}&detail={1}",
            "/api/map/corners?west={0}&south={1}&east={2}&north=40.9",
            "/api/intersections/{0}/months",
        ];
        for (var i = 0; i < 2_000; i++)
        {
            var template = paths[random.Next(paths.Length)];
            var path = string.Format(template, Pick(random, junk), Pick(random, junk), Pick(random, junk));
            var response = await http.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/intersections/{Corner}")).StatusCode);

        // What Prometheus scrapes: the sample's rows by outcome, forecasts by class, the model served, HTTP latency.
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Matches("vz_ingest_rows_total\\{[^}]*outcome=\"accepted\"[^}]*\\} 15696", metrics);
        Assert.Matches("vz_ingest_rows_total\\{[^}]*reason=\"[a-z-]+\"", metrics);
        Assert.Matches("vz_predictions_total\\{[^}]*class=\"Dangerous\"", metrics);
        Assert.Matches("vz_model_version(\\{[^}]*\\})? 1", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Matches("vz_job_duration_seconds_count\\{[^}]*job=\"train\"", metrics);

        // Every series the Grafana dashboard queries is one this silo exports.
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(SharedData.RepositoryRoot, "deploy", "grafana", "vision-zero.json")))!;
        var queried = dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]!.AsArray())
            .SelectMany(t => System.Text.RegularExpressions.Regex
                .Matches(t!["expr"]!.GetValue<string>(), "\\b(vz|http)_[a-z0-9_]+")
                .Select(m => m.Value))
            .Distinct().ToList();
        Assert.Contains("vz_predictions_total", queried);
        // The live-accuracy and drift series appear once their checks have run (LiveAccuracyTests, DriftTests).
        Assert.All(queried.Where(n => !LiveAccuracyTests.Series.Contains(n) && n != DriftTests.Series),
            name => Assert.Contains(name, metrics));
    }

    [Fact]
    public async Task Reads_are_rate_limited_per_client_and_the_api_describes_itself()
    {
        await using var silo = await SiloProcess.StartAsync(
            31141, 31031, postgres: null, "silo up", "--sample", "false", "--VZ_RATE_LIMIT_PER_SECOND", "5");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31141)}") };
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
            codes.Add((await http.GetAsync("/api/intersections/top?k=1")).StatusCode);
        Assert.Contains(HttpStatusCode.OK, codes);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        var limited = await http.GetAsync("/api/intersections/top?k=1");
        if (limited.StatusCode == HttpStatusCode.TooManyRequests)
            Assert.Equal("1", limited.Headers.GetValues("Retry-After").Single());
        await Task.Delay(1_200);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/intersections/top?k=1")).StatusCode);
        // Health and the dashboards' sign-in are not counted against the read budget.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

        var openApi = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/risk/near", paths);
        Assert.Contains("/api/intersections/{id}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p));
        // Parameters read by hand are still described, with the ones that must be given marked so.
        var near = openApi["paths"]!["/api/risk/near"]!["get"]!["parameters"]!.AsArray();
        Assert.Equal(
            ["lat", "lon", "radiusM", "limit", "detail", "asOf"],
            near.Select(p => p!["name"]!.GetValue<string>()).ToArray());
        Assert.True(near[0]!["required"]!.GetValue<bool>());
        var reference = await http.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("openapi/v1.json", await reference.Content.ReadAsStringAsync());
    }

    private static string Pick(Random random, string[] junk) =>
        random.Next(4) == 0
            ? Uri.EscapeDataString(junk[random.Next(junk.Length)])
            : junk[random.Next(junk.Length)].Replace("&", "%26");

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonNode> WaitForModelAsync(HttpClient http)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var resource = await GetJsonAsync(http, $"/api/intersections/{Corner}");
            if (resource["modelVersion"]?.GetValueKind() == JsonValueKind.Number)
                return resource;
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "no model was served within 2 minutes");
            await Task.Delay(500);
        }
    }
}
