using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A steady query load on a cluster's HTTP APIs, as a city's users and a load balancer would make it: workers ask
/// by id, near a position (250 m) and for a borough's hotspots, round the silos in the rotation. The test plays the
/// balancer's part: a silo leaves the rotation when it is killed or told to stop, and comes back once it is up.
/// Every answer is kept with its time, so failures can be placed against the test's events.
/// </summary>
internal sealed class QueryLoad : IAsyncDisposable
{
    public sealed record Answer(TimeSpan At, int Port, string Kind, bool Ok, string Detail);

    private readonly IReadOnlyList<(string Id, double Lat, double Lon)> _corners;
    private readonly List<int> _rotation;
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Task[] _workers;

    public QueryLoad(IReadOnlyList<(string Id, double Lat, double Lon)> corners, IEnumerable<int> httpPorts,
        int workers = 4)
    {
        _corners = corners;
        _rotation = [.. httpPorts];
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w)))];
    }

    /// <summary>Time since the load started, the scale <see cref="Answer.At"/> is on.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Answer> Answers => [.. _answers.OrderBy(a => a.At)];

    public void Remove(int httpPort)
    {
        lock (_rotation)
            _rotation.Remove(httpPort);
    }

    public void Add(int httpPort)
    {
        lock (_rotation)
            _rotation.Add(httpPort);
    }

    private async Task WorkAsync(int worker)
    {
        var random = new Random(worker);
        while (!_stop.IsCancellationRequested)
        {
            int port;
            lock (_rotation)
                port = _rotation[random.Next(_rotation.Count)];
            var corner = _corners[random.Next(_corners.Count)];
            var roll = random.Next(20);
            var (kind, path) = roll switch
            {
                < 12 => ("id", $"/api/intersections/{Uri.EscapeDataString(corner.Id)}"),
                < 19 => ("near", string.Create(CultureInfo.InvariantCulture,
                    $"/api/risk/near?lat={corner.Lat}&lon={corner.Lon}&radiusM=250")),
                _ => ("top", "/api/intersections/top?k=20&borough=BROOKLYN"),
            };
            var started = _clock.Elapsed;
            try
            {
                using var answer = await _http.GetAsync($"http://127.0.0.1:{port}{path}", _stop.Token);
                var body = answer.IsSuccessStatusCode ? "" : await answer.Content.ReadAsStringAsync();
                _answers.Enqueue(new Answer(started, port, kind, answer.IsSuccessStatusCode,
                    $"{(int)answer.StatusCode} {body[..Math.Min(200, body.Length)]}"));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _answers.Enqueue(new Answer(started, port, kind, false, e.GetType().Name + ": " + e.Message));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _http.Dispose();
    }
}
