using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VisionZero.CrashData;
using VisionZero.Grains.Ingest;
using VisionZero.Ingest;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Grid.Tests;

/// <summary>Runs that stop before completing: the ledger says why, and nothing stored is lost.</summary>
public sealed class AbandonedRunTests : SingleSiloGridTest
{
    private Task<long> LedgerRowsAsync(string where) =>
        Database.ScalarAsync($"SELECT count(*) FROM vz_ingest_run WHERE {where}");

    /// <summary>Enough rows that the reader has sent batches long before the end of the body.</summary>
    private static byte[] LongExport()
    {
        var rows = Enumerable.Range(1_000, 3_000)
            .Select(id => CsvText.Row(id, "07/01/2020", "L STREET", "M STREET"))
            .ToArray();
        using var export = CsvText.Export(rows);
        using var bytes = new MemoryStream();
        export.CopyTo(bytes);
        return bytes.ToArray();
    }

    [Fact]
    public async Task An_abandoned_run_says_why_in_the_ledger_and_refuses_further_batches()
    {
        var run = await StartRunWithOneCrashAsync("stopped.csv", 21, "G STREET", "H STREET");
        await run.Abandon("operator pressed Ctrl-C");

        Assert.Equal(1, await LedgerRowsAsync($"run_id = '{run.GetPrimaryKey()}' AND status = 'abandoned' " +
            "AND summary->>'abandoned' = 'operator pressed Ctrl-C' AND (summary->'counted'->>'Read')::int = 1"));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => run.AddBatch([], []));
        Assert.Contains("abandoned: operator pressed Ctrl-C", refused.Message);
        Assert.Equal(
            1,
            (await IngestAsync(CsvText.Export(CsvText.Row(21, "07/01/2020", "G STREET", "H STREET")))).Duplicates);
        Assert.Equal(1, (await GetAsync("G ST & H ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task A_run_whose_sender_vanished_is_marked_abandoned_when_it_deactivates()
    {
        var run = await StartRunWithOneCrashAsync("vanished.csv", 31, "J STREET", "K STREET");
        await Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await WaitForLedgerAsync($"run_id = '{run.GetPrimaryKey()}' AND status = 'abandoned' " +
                                 "AND summary->>'abandoned' LIKE 'the run was deactivated before it completed%'");
    }

    [Fact]
    public async Task
        A_run_left_running_by_a_departed_silo_is_marked_abandoned_when_a_silo_starts_and_a_live_run_is_not()
    {
        // What a silo killed outright leaves: a ledger row that says running, naming a silo no longer a member.
        var orphan = Guid.NewGuid();
        var gone = SiloAddress.New(System.Net.IPAddress.Loopback, 1, 1).ToParsableString();
        await InsertRunningRowAsync(orphan, "killed.csv", $"'{gone}'");
        // Rows that cannot be judged are left alone: no silo recorded (an older version), or not an address.
        var unrecorded = Guid.NewGuid();
        await InsertRunningRowAsync(unrecorded, "older.csv", "NULL");
        var garbled = Guid.NewGuid();
        await InsertRunningRowAsync(garbled, "garbled.csv", "'not a silo <script>'");
        var live = await StartRunWithOneCrashAsync("live.csv", 71, "R STREET", "S STREET");

        // The joining silo sweeps as it becomes active, and so does the first one on the membership change:
        // whichever comes first marks the row.
        var silo = (InProcessSiloHandle)await Cluster.StartAdditionalSiloAsync();
        await silo.SiloHost.Services.GetRequiredService<OrphanedRunSweep>().Completion;

        await WaitForLedgerAsync($"run_id = '{orphan}' AND status = 'abandoned' AND completed_at IS NOT NULL " +
            $"AND summary->>'abandoned' = '{OrphanedRunSweep.Reason}' AND summary->'counted' = 'null'");
        Assert.Equal(3, await LedgerRowsAsync(
            $"run_id IN ('{unrecorded}', '{garbled}', '{live.GetPrimaryKey()}') AND status = 'running'"));
        Assert.Equal(1, (await live.Complete()).Accepted);
        Assert.Equal(1, await LedgerRowsAsync($"run_id = '{live.GetPrimaryKey()}' AND status = 'completed'"));
        Assert.Equal(0, await silo.SiloHost.Services.GetRequiredService<OrphanedRunSweep>().SweepAsync());
    }

    [Fact]
    public async Task A_run_whose_silo_is_stopped_is_marked_abandoned_by_the_silos_that_remain()
    {
        var second = (InProcessSiloHandle)await Cluster.StartAdditionalSiloAsync();
        var orphan = Guid.NewGuid();
        await InsertRunningRowAsync(orphan, "second.csv", $"'{second.SiloAddress.ToParsableString()}'");
        await Cluster.StopSiloAsync(second);

        await WaitForLedgerAsync(
            $"run_id = '{orphan}' AND status = 'abandoned' AND summary->>'abandoned' = '{OrphanedRunSweep.Reason}'");
    }

    private async Task WaitForLedgerAsync(string where)
    {
        for (var i = 0; i < 50 && await LedgerRowsAsync(where) == 0; i++)
            await Task.Delay(100);
        Assert.Equal(1, await LedgerRowsAsync(where));
    }

    private Task<long> InsertRunningRowAsync(Guid run, string source, string siloLiteral) =>
        Database.ScalarAsync(
            $"INSERT INTO vz_ingest_run (run_id, source, status, silo) " +
            $"VALUES ('{run}', '{source}', 'running', {siloLiteral}); SELECT 0");

    [Fact]
    public async Task The_replay_job_applies_an_abandoned_runs_stored_records_to_their_corners_once_without_the_file()
    {
        var cut = await StartRunWithOneCrashAsync("cut.csv", 81, "T STREET", "U STREET");
        await cut.Abandon("broken upload");
        await IngestAsync(CsvText.Export(CsvText.Row(82, "07/02/2020", "V STREET", "W STREET")), "whole.csv");
        Assert.Equal(0, (await GetAsync("T ST & U ST"))?.OneYear.Crashes ?? 0);

        var first = await RunJobAsync(GridJobKind.Replay);
        Assert.True(first.State == "Succeeded", $"{first.State}: {first.Error}");
        // Read back from PostgreSQL, the record fingerprints as it did when stored: applied again, not a replacement.
        Assert.StartsWith(
            "replayed 1 stored records of abandoned runs: 1 applied again, 1 corners updated",
            first.Result);
        Assert.Equal(1, (await GetAsync("T ST & U ST"))!.OneYear.Crashes);
        Assert.Equal(1, (await GetAsync("V ST & W ST"))!.OneYear.Crashes);
        Assert.Equal(1, await LedgerRowsAsync(
            $"source LIKE '{AbandonedRunReplay.SourceName}%' AND status = 'completed'"));

        var again = await RunJobAsync(GridJobKind.Replay);
        Assert.Equal("no abandoned run has stored records left to replay", again.Result);
        Assert.Equal(1, (await GetAsync("T ST & U ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task Without_its_ledger_the_sweep_logs_and_marks_nothing_and_the_replay_job_fails_naming_the_table()
    {
        var cut = await StartRunWithOneCrashAsync("cut-too.csv", 91, "X STREET", "Y STREET");
        await cut.Abandon("broken upload");
        await Database.ScalarAsync("ALTER TABLE vz_ingest_run RENAME TO vz_ingest_run_away; SELECT 0");

        var sweep = ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<OrphanedRunSweep>();
        Assert.Equal(0, await sweep.SweepAsync());
        var failed = await RunJobAsync(GridJobKind.Replay);
        Assert.Equal("Failed", failed.State);
        Assert.Contains("vz_ingest_run", failed.Error);

        // Nothing was lost: with the ledger back, the replay applies the stored record.
        await Database.ScalarAsync("ALTER TABLE vz_ingest_run_away RENAME TO vz_ingest_run; SELECT 0");
        Assert.StartsWith("replayed 1 stored records", (await RunJobAsync(GridJobKind.Replay)).Result);
        Assert.Equal(1, (await GetAsync("X ST & Y ST"))!.OneYear.Crashes);
    }

    private Task<GridJobStatus> RunJobAsync(GridJobKind kind) =>
        GridJobRunner.RunAsync(Cluster.Client, kind, "tests", TimeSpan.FromMinutes(3));

    [Fact]
    public async Task A_stream_that_fails_mid_file_abandons_its_run_with_the_error()
    {
        var export = LongExport();
        await using var failing = new FailingStream(new MemoryStream(export), failAfterBytes: export.Length - 2_000);
        var error = await Assert.ThrowsAsync<IOException>(() =>
            new CrashFileIngestor(Cluster.Client, batchSize: 500).IngestAsync(failing, "failing.csv", Today));

        Assert.Equal(FailingStream.Message, error.Message);
        Assert.Equal(1, await LedgerRowsAsync(
            $"source = 'failing.csv' AND status = 'abandoned' " +
            $"AND summary->>'abandoned' = 'IOException: {FailingStream.Message}'"));
    }

    [Fact]
    public async Task A_cancelled_ingest_abandons_its_run_as_cancelled_by_the_sender()
    {
        using var cancel = new CancellationTokenSource();
        var afterFirstBatch = new CancelOnReport(cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CrashFileIngestor(Cluster.Client, batchSize: 500)
                .IngestAsync(new MemoryStream(LongExport()), "cancelled.csv", Today, afterFirstBatch, cancel.Token));

        Assert.Equal(1, await LedgerRowsAsync(
            "source = 'cancelled.csv' AND status = 'abandoned' AND summary->>'abandoned' = 'cancelled by the sender'"));
        Assert.Equal(0, await LedgerRowsAsync("source = 'cancelled.csv' AND status = 'running'"));
    }

    [Fact]
    public async Task A_blank_or_hostile_reason_is_stored_readable_and_cut_to_size()
    {
        var blank = await StartRunWithOneCrashAsync("blank.csv", 51, "N STREET", "O STREET");
        await blank.Abandon("   ");
        var hostile = await StartRunWithOneCrashAsync("hostile.csv", 52, "N STREET", "O STREET");
        await hostile.Abandon("bad\0byte " + new string('x', 1_000_000));

        Assert.Equal(1, await LedgerRowsAsync("source = 'blank.csv' AND summary->>'abandoned' = '(no reason given)'"));
        Assert.Equal(1, await LedgerRowsAsync(
            $"source = 'hostile.csv' AND summary->>'abandoned' LIKE 'bad\uFFFDbyte x%' " +
            $"AND length(summary->>'abandoned') = {CrashRowParser.MaxRawRowLength}"));
    }

    [Fact]
    public async Task Abandoning_a_completed_run_or_one_never_started_changes_nothing()
    {
        var completed = await StartRunWithOneCrashAsync("done.csv", 61, "P STREET", "Q STREET");
        var summary = await completed.Complete();
        await completed.Abandon("too late");
        var again = await completed.Complete();
        Assert.Equal(
            (summary.Read, summary.Accepted, summary.IntersectionsTouched),
            (again.Read, again.Accepted, again.IntersectionsTouched));
        Assert.Equal(1, await LedgerRowsAsync("source = 'done.csv' AND status = 'completed'"));
        Assert.Equal(1, (await GetAsync("P ST & Q ST"))!.OneYear.Crashes);

        var unstarted = Cluster.Client.GetGrain<IIngestRunGrain>(Guid.NewGuid());
        await unstarted.Abandon("nothing to abandon");
        await unstarted.Start("late-start.csv");
        Assert.Equal(1, await LedgerRowsAsync("source = 'late-start.csv' AND status = 'running'"));
    }

    /// <summary>Cancels as soon as the ingestor reports its first batch, on the reporting thread.</summary>
    private sealed class CancelOnReport(CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value) => cancel.Cancel();
    }
}
