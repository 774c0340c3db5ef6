using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A silo on its own PostgreSQL database for the data dashboard's tests: the primary file and a damaged file
/// ingested through the API, and a replay job run, so every part of the dashboard has something to show.
/// </summary>
public sealed class DataSilo : IAsyncLifetime
{
    public const string Key = "data-dashboard-key-0123456789";
    public const int SiloPort = 31210;
    public const string PrimarySource = "brooklyn 11234.csv";
    public const string DamagedSource = "damaged rows (2).csv";

    private TestDatabase? _database;
    private SiloProcess? _silo;

    public string Site => $"http://127.0.0.1:{SiloProcess.HttpPort(SiloPort)}";

    public HttpClient Admin { get; } = new() { Timeout = TimeSpan.FromMinutes(3) };

    public JsonNode Primary { get; private set; } = null!;

    public JsonNode Damaged { get; private set; } = null!;

    public TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _silo = await SiloProcess.StartAsync(SiloPort, 31050, _database.ConnectionString, "silo up",
            "--sample", "false", "--VZ_ADMIN_KEY", Key, "--VZ_RATE_LIMIT_PER_SECOND", "0");
        Admin.BaseAddress = new Uri(Site);
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var primary = await File.ReadAllBytesAsync(SharedData.Crashes(SharedData.Primary));
        Primary = await IngestAsync(PrimarySource, primary);
        Damaged = await IngestAsync(DamagedSource, Encoding.UTF8.GetBytes(DamagedFile()));
        var queued = await Admin.PostAsync("/api/ingest/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = JsonNode.Parse(await queued.Content.ReadAsStringAsync())!["job"]!.GetValue<string>();
        for (var deadline = DateTime.UtcNow.AddMinutes(2); ; await Task.Delay(200))
        {
            var status = JsonNode.Parse(await Admin.GetStringAsync($"/api/jobs/{job}"))!;
            if (status["state"]!.GetValue<string>() is "Succeeded")
                break;
            Assert.True(DateTime.UtcNow < deadline, $"the replay job did not succeed: {status.ToJsonString()}");
        }
    }

    public async Task<JsonNode> IngestAsync(string name, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await Admin.PostAsync("/api/ingest?name=" + Uri.EscapeDataString(name), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>
    /// Five rows of the primary file (duplicates by now) and four bad ones, each bad in its own way; one carries
    /// markup, which the page must show as text.
    /// </summary>
    public static string DamagedFile() => string.Join('\n', File.ReadLines(SharedData.Crashes(SharedData.Primary))
        .Take(6)
        .Concat(
        [
            Row("900000001", "not a date", "1"),
            Row("900000002", "12/31/2999", "1"),
            Row("900000003", "03/31/2021", "<script>alert(1)</script>"),
            Row("not-an-id", "03/31/2021", "1"),
        ])) + "\n";

    /// <summary>A crash at Flatbush Avenue &amp; Avenue U in the primary file's 29 columns.</summary>
    private static string Row(string id, string date, string injured) =>
        $"{date},12:00,BROOKLYN,11234,40.6098,-73.9225,\"(40.6098, -73.9225)\"," +
        $"FLATBUSH AVENUE,AVENUE U,,{injured},0,0,0,0,0,1,0,Unspecified,,,,,{id},Sedan,,,,";

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        if (_silo is not null)
            await _silo.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
