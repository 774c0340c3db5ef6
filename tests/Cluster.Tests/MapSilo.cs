using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>The embedded silo with the bundled sample, started once for the map's tests, with its model.</summary>
public sealed class MapSilo : IAsyncLifetime
{
    public const int SiloPort = 31136;
    private SiloProcess? _silo;

    public string Site => $"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort)}";

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(
            SiloPort, 31036, postgres: null, "Grid ready", "--VZ_RATE_LIMIT_PER_SECOND", "0");
        Http.BaseAddress = new Uri(Site);
        var watch = Stopwatch.StartNew();
        while (JsonNode.Parse(await Http.GetStringAsync("/api/intersections/top?k=1"))!.AsArray()[0]!["modelVersion"]
               ?.GetValueKind() != JsonValueKind.Number)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "no model was served within 2 minutes");
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_silo is not null)
            await _silo.DisposeAsync();
    }
}
