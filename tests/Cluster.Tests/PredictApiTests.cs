using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// POST /api/predict: the original design's body and fields, answered by the production version's windows model,
/// and its simulated client's body (the corner alone), answered by the corner from its own windows.
/// </summary>
[Collection(ProcessCollection.Name)]
public class PredictApiTests
{
    private const int SiloPort = 31143;

    [Fact]
    public async Task Original_designs_bodies_get_the_grids_answer_and_bad_bodies_get_problems()
    {
        await using var silo = await SiloProcess.StartAsync(
            SiloPort, 31033, postgres: null, "Grid ready", "--VZ_RATE_LIMIT_PER_SECOND", "0");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort)}") };
        var busy = await WaitForAnswerAsync(http, Body("avenue-u--flatbush-avenue", 19, 44, 257));
        var quiet = await PredictAsync(http, Body("a-quiet-corner", 0, 0, 1));
        var cuts = JsonNode.Parse(await http.GetStringAsync("/api/models/1"))!["thresholds"]!.AsArray()
            .Select(c => c!.GetValue<double>())
            .ToArray();

        foreach (var (answer, id) in new[] { (busy, "avenue-u--flatbush-avenue"), (quiet, "a-quiet-corner") })
        {
            Assert.Equal(id, answer["intersection_id"]!.GetValue<string>());
            Assert.Equal(1, answer["modelVersion"]!.GetValue<int>());
            var score = answer["riskScore"]!.GetValue<double>();
            Assert.Equal(score, answer["predicted_future_accidents_6m"]!.GetValue<double>());
            Assert.Equal(
                score <= 1 ? "Safe" : score <= 3 ? "Caution" : "Dangerous",
                answer["label_classification"]!.GetValue<string>());
            var probabilities = answer["probabilities"]!.AsObject();
            Assert.Equal(1, probabilities.Sum(p => p.Value!.GetValue<double>()), 2);
            var label = answer["label"]!.GetValue<string>();
            Assert.Equal(probabilities[label]!.GetValue<double>(), answer["confidence"]!.GetValue<double>());
            // The class is the count class the score falls in, by the version's own cut points.
            Assert.Equal(cuts.Count(c => score >= c), answer["class"]!.GetValue<int>());
        }
        Assert.Equal("Dangerous", busy["label"]!.GetValue<string>());
        Assert.True(busy["riskScore"]!.GetValue<double>() > 10 * quiet["riskScore"]!.GetValue<double>());
        await CornerAloneIsAnsweredFromItsOwnWindowsAsync(http);

        foreach (var (body, field) in new[]
                 {
                     ("""{"intersection_id":"x","accidents_6m":1,"accidents_1y":2}""", "accidents_5y"),
                     ("""{"intersection_id":"x","accidents_6m":"1","accidents_1y":2,"accidents_5y":3}""",
                         "accidents_6m"),
                     ("""{"intersection_id":"x","accidents_6m":1.5,"accidents_1y":2,"accidents_5y":3}""",
                         "accidents_6m"),
                     ("""{"intersection_id":"x","accidents_6m":-1,"accidents_1y":2,"accidents_5y":3}""",
                         "accidents_6m"),
                     ("""{"intersection_id":"x","accidents_6m":1,"accidents_1y":2,"accidents_5y":1e12}""",
                         "accidents_5y"),
                     ("""{"intersection_id":"x","accidents_6m":5,"accidents_1y":2,"accidents_5y":9}""",
                         "accidents_1y"),
                     ("""{"intersection_id":7,"accidents_6m":1,"accidents_1y":2,"accidents_5y":3}""",
                         "intersection_id"),
                     ("""{"accidents_6m":1,"accidents_1y":2,"accidents_5y":3}""", "intersection_id"),
                     ("""[1,2,3]""", "body"),
                     ("""{"intersection_id":"x",""", "body"),
                     ("", "body"),
                 })
        {
            var response = await http.PostAsync(
                "/api/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {text}");
            Assert.True(JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey(field), $"{body}: {text}");
        }
        var plain = await http.PostAsync(
            "/api/predict", new StringContent(Body("x", 1, 2, 3), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        var huge = await http.PostAsync("/api/predict", new StringContent(
            $$"""{"intersection_id":"{{new string('x', 40_000)}}","accidents_6m":""" +
                """1,"accidents_1y":2,"accidents_5y":3}""",
            Encoding.UTF8,
            "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        // Generated hostile bodies: 4xx, never a 5xx, and the silo keeps answering.
        var random = new Random(5);
        string[] values =
        [
            "1", "-3", "1e400", "null", "true", "\"7\"", "[]", "{}", "\"'; DROP TABLE vz_model_version; --\"",
            "\"\\u0000\"", "9999999999", "2.5",
        ];
        for (var i = 0; i < 1_000; i++)
        {
            var fields = new[] { "intersection_id", "accidents_6m", "accidents_1y", "accidents_5y", "extra" }
                .Where(_ => random.Next(5) > 0)
                .Select(f => $"\"{f}\":{values[random.Next(values.Length)]}");
            var body = "{" + string.Join(",", fields) + "}";
            if (random.Next(10) == 0)
                body = body[..random.Next(body.Length)];
            var response = await http.PostAsync(
                "/api/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True((int)response.StatusCode < 500, $"{body}: {(int)response.StatusCode}");
        }
        Assert.Equal(
            busy["riskScore"]!.GetValue<double>(),
            (await PredictAsync(http, Body("avenue-u--flatbush-avenue", 19, 44, 257)))["riskScore"]!
                .GetValue<double>());
        Assert.Contains(
            "/api/predict",
            JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject().Select(p => p.Key));
    }

    /// <summary>
    /// The seed's simulated client posts {"intersection_id": "ROADWAY_CROSS STREET"} alone: the answer is the corner's
    /// own (GET /api/intersections/{id}), by any of the names it goes by; a name that is no corner is refused.
    /// </summary>
    private static async Task CornerAloneIsAnsweredFromItsOwnWindowsAsync(HttpClient http)
    {
        var corner = JsonNode.Parse(await http.GetStringAsync("/api/intersections/avenue-u--flatbush-avenue"))!;
        string[] names = ["FLATBUSH AVENUE_AVENUE U", "avenue-u--flatbush-avenue", "Avenue U & Flatbush Ave"];
        foreach (var asked in names)
        {
            var answer = await PredictAsync(http, $$"""{"intersection_id":"{{asked}}"}""");
            Assert.Equal(asked, answer["intersection_id"]!.GetValue<string>());
            Assert.Equal("avenue-u--flatbush-avenue", answer["corner"]!.GetValue<string>());
            Assert.Equal(corner["riskScore"]!.GetValue<double>(), answer["riskScore"]!.GetValue<double>(), 4);
            Assert.Equal(corner["riskClass"]!.GetValue<string>(), answer["label"]!.GetValue<string>());
            Assert.Equal(corner["modelVersion"]!.GetValue<int>(), answer["modelVersion"]!.GetValue<int>());
            foreach (var window in new[] { "6m", "1y", "5y" })
                Assert.Equal(corner[$"accidents{window}"]!.GetValue<int>(),
                    answer[$"accidents_{window}"]!.GetValue<int>());
        }
        Assert.True(corner["accidents5y"]!.GetValue<int>() > 0, "the sample's busiest corner has no crashes");

        var nowhere = await http.PostAsync("/api/predict", new StringContent(
            """{"intersection_id":"FLATBUSH AVENUE_NOWHERE LANE"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        var suggestions = JsonNode.Parse(await nowhere.Content.ReadAsStringAsync())!["suggestions"]!.AsArray();
        Assert.Contains(suggestions, s => s!["name"]!.GetValue<string>().Contains("FLATBUSH AVENUE"));
        foreach (var id in new[] { "FLATBUSH AVENUE", "FLATBUSH AVENUE_", "x", "'; DROP TABLE vz_crash; --" })
        {
            var response = await http.PostAsync("/api/predict", new StringContent(
                $$"""{"intersection_id":"{{id}}"}""", Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{id}: {(int)response.StatusCode} {text}");
            Assert.Contains("_", JsonNode.Parse(text)!["errors"]!["intersection_id"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Without_a_model_in_production_predict_says_why_with_503()
    {
        await using var silo = await SiloProcess.StartAsync(
            31144, 31034, postgres: null, "silo up", "--sample", "false");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(31144)}") };
        var response = await http.PostAsync(
            "/api/predict", new StringContent(Body("x", 1, 2, 3), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(
            "vz train",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }

    private static string Body(string id, int six, int year, int five) =>
        $$"""{"intersection_id":"{{id}}","accidents_6m":{{six}},"accidents_1y":{{year}},"accidents_5y":{{five}}}""";

    private static async Task<JsonNode> PredictAsync(HttpClient http, string body)
    {
        var response = await http.PostAsync("/api/predict", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> WaitForAnswerAsync(HttpClient http, string body)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await http.PostAsync(
                "/api/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.OK)
                return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "no model was served within 2 minutes");
            await Task.Delay(500);
        }
    }
}
