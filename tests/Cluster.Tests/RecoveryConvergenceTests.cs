using System.Diagnostics;
using Xunit.Abstractions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// A silo killed outright mid-ingest on PostgreSQL, then each recovery path an operator has: the grid
/// must end corner by corner where a clean ingest of the same records ends (the stored prefix for a
/// replay alone, the whole file once the file is sent again).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class RecoveryConvergenceTests(RecoveryConvergenceTests.SyntheticFile synthetic, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<RecoveryConvergenceTests.SyntheticFile>
{
    /// <summary>One synthetic export for the class (15 % coordinate-only crashes: attribution is exercised).</summary>
    public sealed class SyntheticFile : IAsyncLifetime
    {
        public string Path { get; } = System.IO.Path.Combine(
            Directory.CreateTempSubdirectory("vz-recovery").FullName, "synthetic.csv.gz");

        /// <summary>The grid a clean ingest of the whole file leaves, read once for the class.</summary>
        public Task<GridState>? Clean { get; set; }

        public Task InitializeAsync() => VzOkAsync("synth", "--crashes", "100000", "--intersections", "10000",
            "--years", "6", "--seed", "3", "--out", Path);

        public Task DisposeAsync()
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
            return Task.CompletedTask;
        }
    }

    private const int SiloPort = 24111;
    private const int GatewayPort = 24000;
    private static readonly string Gateway = $"127.0.0.1:{GatewayPort}";
    private readonly List<TestDatabase> _databases = [];
    private readonly string _file = synthetic.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
            await database.DisposeAsync();
    }

    [Fact]
    public async Task Kill_then_replay_then_reingest_ends_where_a_clean_ingest_ends_corner_by_corner()
    {
        var clean = await (synthetic.Clean ??= CleanStateAsync());
        var (database, prefix) = await KilledMidIngestAsync();
        await using (var silo = await StartSiloAsync(database))
        {
            await VzOkAsync("replay", "--wait", "--gateway", Gateway);
            await VzOkAsync("ingest", _file, "--gateway", Gateway);
            Report("kill + replay + re-ingest", prefix, Compare(clean, await GridState.ReadAsync(database, SiloPort)));
        }
    }

    [Fact]
    public async Task Kill_then_reingest_ends_where_a_clean_ingest_ends_corner_by_corner()
    {
        var clean = await (synthetic.Clean ??= CleanStateAsync());
        var (database, prefix) = await KilledMidIngestAsync();
        await using var silo = await StartSiloAsync(database);
        await VzOkAsync("ingest", _file, "--gateway", Gateway);
        Report("kill + re-ingest", prefix, Compare(clean, await GridState.ReadAsync(database, SiloPort)));
    }

    [Fact]
    public async Task Kill_then_replay_ends_where_a_clean_ingest_of_the_stored_records_ends()
    {
        var (database, prefix) = await KilledMidIngestAsync();
        GridState recovered;
        await using (var silo = await StartSiloAsync(database))
        {
            await VzOkAsync("replay", "--wait", "--gateway", Gateway);
            recovered = await GridState.ReadAsync(database, SiloPort);
        }
        // The clean run of exactly what the killed run had stored, in the order the file has it.
        var stored = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_file)!, "stored-prefix.csv");
        await GridState.ExportStoredAsync(database, _file, stored);
        var clean = await CleanStateAsync(stored);
        Report("kill + replay", prefix, Compare(clean, recovered));
    }

    private async Task<GridState> CleanStateAsync(string? file = null)
    {
        var database = await NewDatabaseAsync();
        await using var silo = await StartSiloAsync(database);
        await VzOkAsync("ingest", file ?? _file, "--gateway", Gateway);
        return await GridState.ReadAsync(database, SiloPort);
    }

    /// <summary>
    /// SIGKILL once the run has stored some batches. vz reads the file through a pipe fed seven tenths of it,
    /// so the run cannot complete before the kill however fast the machine is.
    /// </summary>
    private async Task<(TestDatabase Database, long StoredBeforeKill)> KilledMidIngestAsync()
    {
        var database = await NewDatabaseAsync();
        var silo = await StartSiloAsync(database);
        var folder = Directory.CreateTempSubdirectory("vz-recovery-pipe").FullName;
        long stored = 0;
        await using (var pipe = await PipedFile.CreateAsync(System.IO.Path.Combine(folder, "synthetic.csv.gz")))
        {
            using var ingest = Process.Start(Built.Dotnet(Built.Vz, ["ingest", pipe.Path, "--gateway", Gateway]))!;
            ProcessOutput.Follow(ingest);
            var bytes = await File.ReadAllBytesAsync(_file);
            await pipe.WriteAsync(bytes.AsMemory(0, bytes.Length * 7 / 10));
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromMinutes(2) && (stored = await StoredAsync(database)) < 40_000)
                await Task.Delay(50);
            await silo.DisposeAsync(); // SIGKILL
            // What vz does about a lost cluster is tested elsewhere; here only the run it leaves behind matters.
            if (!ingest.HasExited)
                ingest.Kill(entireProcessTree: true);
        }
        Directory.Delete(folder, recursive: true);
        Assert.InRange(stored, 40_000, 99_999);
        return (database, await StoredAsync(database));
    }

    private static Task<long> StoredAsync(TestDatabase database) =>
        database.ScalarAsync("SELECT count(*) FROM vz_crash");

    private void Report(string path, long storedBeforeKill, GridComparison comparison)
    {
        output.WriteLine($"{path}: {storedBeforeKill:N0} records stored when the silo was killed; {comparison}");
        Assert.True(comparison.Differing == 0, $"{path}: {comparison}");
        Assert.True(comparison.Intersections > 1_000, $"{path}: too few corners to mean anything ({comparison})");
    }

    private static GridComparison Compare(GridState clean, GridState recovered) => GridComparison.Of(clean, recovered);

    private async Task<TestDatabase> NewDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        _databases.Add(database);
        return database;
    }

    private static Task<SiloProcess> StartSiloAsync(TestDatabase database) =>
        SiloProcess.StartAsync(SiloPort, GatewayPort, database.ConnectionString);

    private static async Task VzOkAsync(params string[] args)
    {
        var (code, _, error) = await Vz.RunAsync(args);
        Assert.True(code == 0, $"vz {string.Join(' ', args)} exited {code}: {error}");
    }
}
