using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Gps;
using VisionZero.Edge.Sync;
using VisionZero.Risk;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// Real vz-edge runtimes against the edge grid fixture's cluster (through its gateway, as a device connects),
/// the bundled drive to answer, and the uplink's rows as PostgreSQL holds them.
/// </summary>
internal sealed class UplinkEdges(EdgeGridFixture fixture)
{
    /// <summary>The corners within 1.5 km of the drive's start.</summary>
    public static readonly AreaSpec Area = AreaSpec.Around(40.62238, -73.93667, 1_500);

    public EdgeSettings Settings(string folder, string deviceId, bool offline = false)
    {
        var gateway = fixture.Cluster.Primary!.GatewayAddress!.Endpoint;
        return new EdgeSettings(folder, Area, $"{gateway.Address}:{gateway.Port}", Offline: offline, HttpPort: 0,
            DeviceId: deviceId)
        {
            PollInterval = TimeSpan.FromMilliseconds(200),
            ClusterId = fixture.Cluster.Options.ClusterId,
            UplinkBatchSize = 100,
        };
    }

    /// <summary>Loopback port of a vz-edge process these tests start.</summary>
    public const int ProcessHttpPort = 25095;

    /// <summary>
    /// vz-edge as a device runs it, on the folder's copy, connected to the fixture's cluster; its output read as it
    /// comes.
    /// </summary>
    public (Process Process, ProcessOutput Output) StartProcess(string folder)
    {
        var gateway = fixture.Cluster.Primary!.GatewayAddress!.Endpoint;
        var info = Built.Dotnet(Built.Edge,
        [
            "--data", folder, "--gateway", $"{gateway.Address}:{gateway.Port}",
            "--cluster-id", fixture.Cluster.Options.ClusterId, "--http", ProcessHttpPort.ToString(),
            "--center", string.Create(CultureInfo.InvariantCulture, $"{Area.Latitude},{Area.Longitude}"),
            "--radius", Area.RadiusM.ToString(CultureInfo.InvariantCulture),
        ]);
        info.Environment.Remove("VZ_EDGE_DATA");
        info.Environment.Remove("VZ_POSTGRES");
        var edge = Process.Start(info) ?? throw new InvalidOperationException("vz-edge not started");
        return (edge, ProcessOutput.Follow(edge));
    }

    /// <summary>What a vz-edge process was doing, for a failure message.</summary>
    public static string Describe(Process edge, ProcessOutput output) =>
        $"vz-edge {(edge.HasExited ? $"exited {edge.ExitCode}" : "still running")}; its last output:\n{output.Tail}";

    /// <summary>The process's uplink.pending from GET /status; null while it does not answer.</summary>
    public static async Task<long?> ProcessPendingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var status = await http.GetStringAsync($"http://127.0.0.1:{ProcessHttpPort}/status");
            return JsonDocument.Parse(status).RootElement.GetProperty("uplink").GetProperty("pending").GetInt64();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Stops the process as systemd does (SIGTERM) and checks it ended cleanly.</summary>
    public static async Task StopProcessAsync(Process edge)
    {
        using (var kill = Process.Start("kill", ["-TERM", edge.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await edge.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, edge.ExitCode);
    }

    public static EdgeRuntime Start(EdgeSettings settings)
    {
        var edge = new EdgeRuntime(settings, NullLoggerFactory.Instance);
        edge.Start();
        return edge;
    }

    public static string NewDevice(string what) => $"{what}-{Guid.NewGuid():N}"[..(what.Length + 9)];

    /// <summary>The bundled drive's fixes, as vz-edge --replay accepts them.</summary>
    public static async Task<IReadOnlyList<GpsFix>> DriveAsync() =>
        (await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".csv")))).Accepted;

    /// <summary>Waits until the condition holds; fails naming what was awaited past the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {seconds} s for {what}");
            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(
        Func<Task<bool>> condition, string what, int seconds = 90, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {seconds} s for {what}{(detail is null ? "" : ": " + detail())}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the edge holds the grid's model and its area's corners, and is in touch.</summary>
    public static async Task SyncedAsync(EdgeRuntime edge)
    {
        try
        {
            await UntilAsync(() => edge.Grid.Model is not null && edge.Grid.View.Corners.Count > 0 && !edge.Stale,
                "the first sync");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {EdgeJson.Serialize(edge.Status())}");
        }
    }

    public async Task<long> StoredAsync(string deviceId) =>
        await fixture.Database.ScalarAsync($"SELECT count(*) FROM vz_edge_log WHERE device_id = '{deviceId}'");

    /// <summary>
    /// The device's rows in vz_edge_log in sequence order, every column but the device and the arrival time:
    /// what two runs of the same fixes must agree on.
    /// </summary>
    public async Task<List<string>> RowsAsync(string deviceId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT seq, fix_time, latitude, longitude, speed_mps, course_degrees, model_version, as_of, " +
            "highest_class, expected_crashes, nearest_corner_id, stale FROM vz_edge_log WHERE device_id = $1 " +
            "ORDER BY seq", connection);
        command.Parameters.AddWithValue(deviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => v is DateTime time
                ? time.ToString("O", CultureInfo.InvariantCulture)
                : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    /// <summary>The version's kept predictions in vz_prediction_log, by corner and day.</summary>
    public async Task<Dictionary<(string, DateOnly), (double Score, RiskClass Class)>> PredictionsAsync(int version)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT intersection_id, as_of, score, risk_class FROM vz_prediction_log WHERE version = $1", connection);
        command.Parameters.AddWithValue(version);
        await using var reader = await command.ExecuteReaderAsync();
        var kept = new Dictionary<(string, DateOnly), (double, RiskClass)>();
        while (await reader.ReadAsync())
            kept[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] =
                (reader.GetDouble(2), (RiskClass)reader.GetInt16(3));
        return kept;
    }

    /// <summary>(entries, confirmed, dropped) from the device's row in vz_edge_device.</summary>
    public async Task<(long, long, long)> DeviceRowAsync(string deviceId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT entries, confirmed_seq, dropped FROM vz_edge_device WHERE device_id = $1", connection);
        command.Parameters.AddWithValue(deviceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for device {deviceId}");
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>How many devices PostgreSQL holds under exactly this id (a parameter: the id may be hostile).</summary>
    public async Task<long> DevicesNamedAsync(string deviceId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM vz_edge_device WHERE device_id = $1", connection);
        command.Parameters.AddWithValue(deviceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
