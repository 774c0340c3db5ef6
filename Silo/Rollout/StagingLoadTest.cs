using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VisionZero.Grains.Rollout;
using VisionZero.Silo.Web;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// Staging's load test: drives this silo's own HTTP API on loopback with requests a city's users make (a corner by
/// id, the corners near a position, a prediction for a corner), each sent once as staging and once as production
/// (<see cref="ServedModelHeader"/>), in alternating one-second slices so both sides meet the same machine. An
/// answer is a failure when its status is not 2xx or any model version in it is not the side's.
/// </summary>
public sealed partial class StagingLoadTest(IServiceProvider services, ILogger<StagingLoadTest> logger)
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    public async Task<(LoadFigures Production, LoadFigures Candidate)> RunAsync(
        int candidate, int production, StagingSettings settings, CancellationToken cancellationToken)
    {
        using var http = OwnHttpApi.Client(services);
        var requests = await RequestsAsync(http, cancellationToken);
        await UntilServedAsync(http, requests[0], candidate, cancellationToken);
        var sides = new[]
        {
            new Side(ServedModelHeader.Production, production), new Side(ServedModelHeader.Staging, candidate),
        };
        var next = 0;
        var slices = (int)Math.Ceiling(settings.Seconds / Slice.TotalSeconds);
        for (var s = 0; s < 2 * slices; s++)
        {
            // Sides alternate slice by slice, so a busy moment of the machine falls on both alike.
            var side = sides[s % 2];
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async _ =>
            {
                while (watch.Elapsed < Slice)
                {
                    var request = requests[(int)((uint)Interlocked.Increment(ref next) % requests.Count)];
                    await side.SendAsync(http, request, cancellationToken);
                }
            }));
            side.Spent += watch.Elapsed;
        }
        logger.LogInformation("Staging load test of version {Candidate} against {Production}: {Requests} requests",
            candidate, production, sides.Sum(s => s.Count));
        return (sides[0].Figures(), sides[1].Figures());
    }

    /// <summary>The corners to ask about: the top of the hotspot list, by id, by position and by prediction.</summary>
    private static async Task<List<Func<HttpRequestMessage>>> RequestsAsync(HttpClient http, CancellationToken token)
    {
        using var top = new HttpRequestMessage(HttpMethod.Get, "/api/intersections/top?k=100");
        top.Headers.Add(ServedModelHeader.Name, ServedModelHeader.Production);
        using var answer = await http.SendAsync(top, token);
        answer.EnsureSuccessStatusCode();
        var corners = JsonNode.Parse(await answer.Content.ReadAsStringAsync(token))!.AsArray();
        var requests = new List<Func<HttpRequestMessage>>();
        foreach (var corner in corners)
        {
            var id = corner!["id"]!.GetValue<string>();
            var path = $"/api/intersections/{Uri.EscapeDataString(id)}";
            requests.Add(() => new HttpRequestMessage(HttpMethod.Get, path));
            if (corner["latitude"]?.GetValue<double?>() is { } lat
                && corner["longitude"]?.GetValue<double?>() is { } lon)
                requests.Add(() => new HttpRequestMessage(HttpMethod.Get,
                    FormattableString.Invariant($"/api/risk/near?lat={lat:F6}&lon={lon:F6}&radiusM=250")));
            requests.Add(() => new HttpRequestMessage(HttpMethod.Post, "/api/predict")
            {
                Content = JsonContent.Create(new { intersection_id = id }),
            });
        }
        return requests.Count > 0
            ? requests
            : throw new InvalidOperationException("the grid has no corner to ask about: ingest crashes first");
    }

    /// <summary>
    /// Waits until this silo answers staging requests with the candidate (its watcher polls each second).
    /// </summary>
    private static async Task UntilServedAsync(
        HttpClient http, Func<HttpRequestMessage> probe, int candidate, CancellationToken token)
    {
        var side = new Side(ServedModelHeader.Staging, candidate);
        for (var watch = Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromSeconds(30);)
        {
            if (await side.SendAsync(http, probe, token))
                return;
            await Task.Delay(200, token);
        }
        throw new TimeoutException($"model version {candidate} was not answering staging requests after 30 s");
    }

    private sealed partial class Side(string name, int version)
    {
        private readonly List<double> _latencies = [];
        private int _failed;

        public TimeSpan Spent { get; set; }

        public int Count { get { lock (_latencies) return _latencies.Count; } }

        public async Task<bool> SendAsync(HttpClient http, Func<HttpRequestMessage> make, CancellationToken token)
        {
            using var request = make();
            request.Headers.Add(ServedModelHeader.Name, name);
            var started = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                using var answer = await http.SendAsync(request, token);
                var body = await answer.Content.ReadAsStringAsync(token);
                ok = answer.IsSuccessStatusCode && AnsweredBy(body, version);
            }
            catch (Exception e) when (
                e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
            {
                ok = false;
            }
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (_latencies)
            {
                _latencies.Add(ms);
                if (!ok)
                    _failed++;
            }
            return ok;
        }

        public LoadFigures Figures()
        {
            lock (_latencies)
                return LoadFigures.From(_latencies, _failed, Spent);
        }

        /// <summary>Every model version the answer names is the side's (and it names at least one).</summary>
        private static bool AnsweredBy(string body, int version)
        {
            var versions = ModelVersion().Matches(body);
            return versions.Count > 0 && versions.All(m => m.Groups[1].Value == version.ToString());
        }

        [GeneratedRegex("\"modelVersion\":(\\d+|null)")]
        private static partial Regex ModelVersion();
    }
}
