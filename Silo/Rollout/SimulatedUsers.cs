using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Rollout;
using VisionZero.Silo.Web;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// The canary's simulated users: they replay the edge devices' recent drives (<see cref="EdgeDrives"/>), or, when
/// those hold no corner of the canary's slice, the built-in generator asks about corners of the hotspot list. Each
/// asks this silo's HTTP API, as a city's user would, by id or with the original design's prediction body
/// (<c>{"intersection_id"}</c>), sent as <c>live</c> (<see cref="ServedModelHeader"/>): answered as anyone is, by the
/// canary on its slice. When the canary answers, the same question is put to production, and the two scores and
/// classes are kept side by side.
/// An answer fails when its status is not 2xx or it names another version than the side that should answer.
/// </summary>
public sealed class SimulatedUsers(IServiceProvider services, ServingModels serving, EdgeDrives drives)
{
    /// <summary>How many corners of the hotspot list the users ask about.</summary>
    public const int Corners = 2_000;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The corners to ask about, split by whether the canary answers them, once this silo answers the canary's
    /// slice with the canary.
    /// </summary>
    /// <exception cref="InvalidOperationException">No corner, or none in the canary's slice.</exception>
    /// <exception cref="TimeoutException">The canary was not answering its slice within 30 s.</exception>
    public async Task<CanaryTraffic> PrepareAsync(int canary, int production, CancellationToken token)
    {
        using var http = OwnHttpApi.Client(services);
        var route = await drives.RouteAsync();
        var traffic = Replay(canary, production, route) ?? await GeneratedAsync(http, canary, production, route, token);
        await UntilAnsweredByAsync(http, traffic.Slice[0], canary, token);
        return traffic;
    }

    /// <summary>The edge's drives, when they pass a corner of the canary's slice; else null.</summary>
    private CanaryTraffic? Replay(int canary, int production, EdgeDrives.Route route)
    {
        var driven = route.Corners.Distinct().ToArray();
        var inSlice = driven.Where(serving.InCanarySlice).ToArray();
        return inSlice.Length == 0
            ? null
            : new CanaryTraffic(canary, production, inSlice, [.. driven.Except(inSlice)], route.Corners,
                $"the edge's drives replayed ({route.Fixes:N0} fixes of {route.Devices} devices, " +
                $"{driven.Length:N0} corners, {inSlice.Length:N0} in the canary's slice)");
    }

    /// <summary>The built-in generator: corners of the hotspot list, asked at random.</summary>
    private async Task<CanaryTraffic> GeneratedAsync(
        HttpClient http, int canary, int production, EdgeDrives.Route route, CancellationToken token)
    {
        using var top = new HttpRequestMessage(HttpMethod.Get, $"/api/intersections/top?k={Corners}");
        top.Headers.Add(ServedModelHeader.Name, ServedModelHeader.Production);
        using var answer = await http.SendAsync(top, token);
        answer.EnsureSuccessStatusCode();
        var ids = JsonNode.Parse(await answer.Content.ReadAsStringAsync(token))!.AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToArray();
        if (ids.Length == 0)
            throw new InvalidOperationException("the grid has no corner to ask about: ingest crashes first");
        var slice = ids.Where(serving.InCanarySlice).ToArray();
        if (slice.Length == 0)
            throw new InvalidOperationException(
                $"none of {ids.Length} corners is in the canary's slice (Risk:CanaryPercent {serving.CanaryPercent})");
        var driven = route.Corners.Distinct().Count();
        return new CanaryTraffic(canary, production, slice, [.. ids.Except(slice)], [],
            $"the built-in generator ({ids.Length:N0} hotspot corners, {slice.Length:N0} in the canary's slice" +
            (driven == 0 ? ")" : $"; the edge's {driven:N0} driven corners hold none of it)"));
    }

    /// <summary>Sends the users' requests until cancelled, adding what they see to the figures.</summary>
    public async Task RunAsync(CanaryTraffic traffic, int users, CanaryFigures figures, CancellationToken token)
    {
        using var http = OwnHttpApi.Client(services);
        var corners = traffic.Slice.Concat(traffic.Rest).ToArray();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
        {
            var random = new Random(user);
            // A replaying user drives the route on from a point of its own.
            var position = traffic.Route.IsEmpty ? 0 : random.Next(traffic.Route.Length);
            try
            {
                while (!token.IsCancellationRequested)
                {
                    var id = traffic.Route.IsEmpty
                        ? corners[random.Next(corners.Length)]
                        : traffic.Route[position++ % traffic.Route.Length];
                    var byId = random.Next(2) == 0;
                    var inSlice = serving.InCanarySlice(id);
                    var expected = inSlice ? traffic.Canary : traffic.Production;
                    var (ms, seen) = await AskAsync(http, id, byId, ServedModelHeader.Live, token);
                    var ok = seen?.Version == expected;
                    figures.Answer(inSlice, ms, ok);
                    if (!inSlice || !ok)
                        continue;
                    var (_, theirs) = await AskAsync(http, id, byId, ServedModelHeader.Production, token);
                    if (theirs?.Version == traffic.Production)
                        figures.Pair(seen!.Score, theirs.Score, seen.Class == theirs.Class);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The soak is over.
            }
        }));
    }

    /// <summary>How long until this silo answers a corner of the canary's slice with the given version.</summary>
    public async Task<TimeSpan> UntilAnsweredByAsync(string id, int version, CancellationToken token)
    {
        using var http = OwnHttpApi.Client(services);
        return await UntilAnsweredByAsync(http, id, version, token);
    }

    private static async Task<TimeSpan> UntilAnsweredByAsync(
        HttpClient http, string id, int version, CancellationToken token)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            if ((await AskAsync(http, id, byId: true, ServedModelHeader.Live, token)).Seen?.Version == version)
                return watch.Elapsed;
            await Task.Delay(20, token);
        }
        throw new TimeoutException($"corner {id} was not answered by model version {version} after " +
                                   $"{Patience.TotalSeconds:F0} s");
    }

    private static async Task<(double Ms, Answer? Seen)> AskAsync(
        HttpClient http, string id, bool byId, string side, CancellationToken token)
    {
        using var request = byId
            ? new HttpRequestMessage(HttpMethod.Get, $"/api/intersections/{Uri.EscapeDataString(id)}")
            : new HttpRequestMessage(HttpMethod.Post, "/api/predict")
            {
                Content = JsonContent.Create(new { intersection_id = id }),
            };
        request.Headers.Add(ServedModelHeader.Name, side);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                response.IsSuccessStatusCode ? Answer.From(body) : null);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
                                   || e is TaskCanceledException && !token.IsCancellationRequested)
        {
            // Refused, timed out or not JSON: a failed answer.
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
    }

    /// <summary>The parts of an answer the canary is judged on; null when the body has no model's answer.</summary>
    private sealed record Answer(int Version, double Score, string Class)
    {
        public static Answer? From(string body)
        {
            var node = JsonNode.Parse(body);
            return node?["modelVersion"]?.GetValue<int?>() is { } version
                   && node["riskScore"]?.GetValue<double?>() is { } score
                   && (node["riskClass"] ?? node["label"])?.GetValue<string>() is { } riskClass
                ? new Answer(version, score, riskClass)
                : null;
        }
    }
}
