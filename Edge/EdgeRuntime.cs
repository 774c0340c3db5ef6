using Microsoft.Extensions.Logging;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Gps;
using VisionZero.Edge.Http;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;
using VisionZero.Edge.Uplink;
using VisionZero.Uplink;

namespace VisionZero.Edge;

/// <summary>
/// One running edge: its copy on disk and in memory, the link to the grid (unless offline), the sync loop, the
/// loopback endpoint, and the answer to each fix, logged for upload. Answers never wait for the network.
/// </summary>
public sealed class EdgeRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly ClusterLink? _link;
    private readonly EdgeSyncLoop? _sync;
    private readonly LocalEndpoint? _http;
    private readonly UplinkSync? _uplink;
    private readonly RiskLookup _lookup;

    public EdgeRuntime(EdgeSettings settings, ILoggerFactory logging)
    {
        var store = EdgeStore.Open(settings.StorePath);
        Grid = new EdgeGrid(store);
        DeviceId = settings.DeviceId ?? Grid.DeviceId();
        if (EdgeDeviceIds.Problem(DeviceId) is { } problem)
        {
            Grid.Dispose();
            throw new ArgumentException($"this edge's device id cannot be used: {problem}");
        }
        Uplink = new UplinkLog(store, settings.UplinkCapacity);
        // A restart with no centre configured keeps the area it synced before, so it answers at once.
        Area = new EdgeArea(settings.Area.Pending && Grid.Area is { Pending: false } held ? held : settings.Area);
        _lookup = new RiskLookup(Grid, settings.NearRadiusM);
        Filter = new FixFilter();
        if (!settings.Offline)
        {
            _link = ClusterLink.Create(settings.Gateway, settings.Postgres, logging, settings.ClusterId);
            var logger = logging.CreateLogger("vz-edge.sync");
            _uplink = new UplinkSync(Uplink, DeviceId, settings.UplinkBatchSize, logger);
            _sync = new EdgeSyncLoop(_link.Connected, Grid, Area, settings.PollInterval, logger, _uplink);
        }
        if (settings.HttpPort > 0)
            _http = new LocalEndpoint(settings.HttpPort, (lat, lon, course) => Answer(lat, lon, course), Status);
    }

    public EdgeGrid Grid { get; }

    public EdgeArea Area { get; }

    public FixFilter Filter { get; }

    public string DeviceId { get; }

    /// <summary>Every fix answered, with its answer, waiting for upload.</summary>
    public UplinkLog Uplink { get; }

    public Uri? HttpAddress => _http?.Address;

    public void Start()
    {
        if (_http is not null)
        {
            _http.Start();
            _running.Add(_http.RunAsync(_stop.Token));
        }
        if (_link is not null && _sync is not null)
        {
            _link.Start();
            _running.Add(_sync.RunAsync(_stop.Token));
        }
    }

    /// <summary>Stale: the edge is not in touch with the grid (offline by choice, not yet, or lost).</summary>
    public bool Stale => _sync is null || !_sync.Status.Connected;

    public AreaRisk Answer(GpsFix fix)
    {
        Area.Observe(fix.Latitude, fix.Longitude);
        var answer = _lookup.Answer(fix.Latitude, fix.Longitude, fix.CourseDegrees, fix.Time, Stale);
        Uplink.Record(fix, answer);
        return answer;
    }

    public AreaRisk Answer(double latitude, double longitude, double? course) =>
        _lookup.Answer(latitude, longitude, course, DateTimeOffset.UtcNow, Stale);

    public EdgeStatus Status()
    {
        var sync = _sync?.Status ?? SyncStatus.NotYet;
        var counts = Filter.Counts;
        return new EdgeStatus(DeviceId, Grid.Model?.Version, Grid.AsOf, Area.Current.ToString(),
            Grid.View.Corners.Count, Grid.LastSync,
            Grid.LastSync is { } last ? Math.Round((DateTimeOffset.UtcNow - last).TotalSeconds, 1) : null,
            sync.Connected, _sync is null ? "offline: started with --offline" : sync.LastError,
            Grid.Refusal, Grid.Damage,
            Enum.GetValues<FixSkipReason>().ToDictionary(r => r.ToString(), r => (long)counts.SkippedFor(r)),
            UplinkStatus.Of(Uplink, _uplink));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_link is not null)
            await _link.DisposeAsync();
        _http?.Dispose();
        Grid.Dispose();
        _stop.Dispose();
    }
}
