using VisionZero.CrashData;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Grid;
using VisionZero.Edge.Uplink;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The edge's log in its SQLite store: numbered 1, 2, 3 ... across restarts and never reusing a number, bounded
/// with the oldest unsent dropped and counted, and emptied only as far as the grid confirmed.
/// </summary>
[Trait("Category", "Fast")]
public sealed class UplinkLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-uplink-log-").FullName;

    private string DbPath => Path.Combine(_folder, "edge.db");

    [Fact]
    public void An_answered_fix_is_logged_with_its_answer_and_reads_back_exactly()
    {
        using var store = EdgeStore.Open(DbPath);
        var log = new UplinkLog(store);
        var fix = UplinkSamples.Fix(7);
        log.Record(fix, UplinkSamples.Answer(fix, stale: true));

        var entry = Assert.Single(log.NextBatch(10).Entries);
        Assert.Equal(new UplinkEntry(1, fix.Time, fix.Latitude, fix.Longitude, 9.0, 185, 4,
            new DateOnly(2021, 11, 30), RiskClass.SomewhatDangerous, 2.75, "avenue-u--flatbush-avenue", true), entry);
    }

    [Fact]
    public void A_store_made_before_the_nearest_forecast_was_logged_keeps_its_unsent_entries_and_logs_it_from_then_on()
    {
        // The uplink table as the first releases made it, with one entry not yet sent.
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE uplink (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, latitude REAL NOT NULL,
                    longitude REAL NOT NULL, speed REAL, course REAL, model_version INTEGER, as_of INTEGER,
                    highest_class INTEGER, expected_crashes REAL NOT NULL, nearest_corner_id TEXT,
                    stale INTEGER NOT NULL);
                INSERT INTO uplink VALUES (1, 637000000000000000, 40.6, -73.93, NULL, NULL, 4, 738000, 3, 2.75,
                    'avenue-u--flatbush-avenue', 0);
                """;
            command.ExecuteNonQuery();
        }
        using var store = EdgeStore.Open(DbPath);
        Assert.Null(store.Damage);
        var log = new UplinkLog(store);
        var fix = UplinkSamples.Fix(8);
        var scored = UplinkSamples.Answer(fix) with
        {
            Corners = [new CornerRisk("avenue-u--flatbush-avenue", "Avenue U & Flatbush Avenue", 12.0,
                new RiskAssessment(1.25, RiskClass.Average, [0, 0, 1, 0, 0], 1, 4))],
        };
        log.Record(fix, scored);

        var entries = log.NextBatch(10).Entries;
        Assert.Equal([1L, 2L], entries.Select(e => e.Seq));
        Assert.Equal(("avenue-u--flatbush-avenue", (double?)null, (RiskClass?)null),
            (entries[0].NearestCornerId, entries[0].NearestScore, entries[0].NearestClass));
        Assert.Equal((1.25, RiskClass.Average), (entries[1].NearestScore, entries[1].NearestClass));
    }

    [Fact]
    public void Numbers_count_up_across_restarts_and_are_never_reused_even_after_everything_was_confirmed()
    {
        using (var store = EdgeStore.Open(DbPath))
        {
            var log = new UplinkLog(store);
            Record(log, 3);
            var batch = log.NextBatch(10);
            Assert.Null(log.Confirm(batch, new UplinkReceipt(3, 3, 0)));
            Assert.Equal(new UplinkState(0, 3, 3, 0, 0), log.State);
        }
        using (var store = EdgeStore.Open(DbPath))
        {
            var log = new UplinkLog(store);
            Assert.Equal(new UplinkState(0, 3, 3, 0, 0), log.State);
            Record(log, 2);
            Assert.Equal([4L, 5L], log.NextBatch(10).Entries.Select(e => e.Seq));
        }
    }

    [Fact]
    public void A_full_log_drops_its_oldest_unsent_entries_first_and_counts_them_across_restarts()
    {
        using (var store = EdgeStore.Open(DbPath))
        {
            var log = new UplinkLog(store, capacity: 10);
            Record(log, 25);
            Assert.Equal(new UplinkState(Pending: 10, LastSeq: 25, Confirmed: 0, Dropped: 15, DroppedThrough: 15),
                log.State);
        }
        using (var store = EdgeStore.Open(DbPath))
        {
            var log = new UplinkLog(store, capacity: 10);
            Assert.Equal(new UplinkState(10, 25, 0, 15, 15), log.State);
            var batch = log.NextBatch(100);
            Assert.Equal(15, batch.DroppedThrough);
            Assert.Equal(Enumerable.Range(16, 10).Select(i => (long)i), batch.Entries.Select(e => e.Seq));
        }
    }

    [Fact]
    public void What_the_grid_confirmed_is_deleted_but_never_past_the_batch_sent()
    {
        using var store = EdgeStore.Open(DbPath);
        var log = new UplinkLog(store);
        Record(log, 10);

        var first = log.NextBatch(4);
        Assert.Null(log.Confirm(first, new UplinkReceipt(4, 4, 0)));
        var second = log.NextBatch(2);
        Assert.Null(log.Confirm(second, new UplinkReceipt(9, 2, 0)));

        Assert.Equal(new UplinkState(4, 10, 6, 0, 0), log.State);
        Assert.Equal([7L, 8L, 9L, 10L], log.NextBatch(10).Entries.Select(e => e.Seq));
    }

    [Fact]
    public void A_confirmation_past_every_number_this_device_gave_deletes_nothing_and_says_why()
    {
        using var store = EdgeStore.Open(DbPath);
        var log = new UplinkLog(store);
        Record(log, 3);

        var problem = log.Confirm(log.NextBatch(10), new UplinkReceipt(50, 0, 3));

        Assert.Contains("another device may use its id", problem);
        Assert.Equal(3, log.State.Pending);
    }

    [Fact]
    public async Task Fixes_are_logged_while_the_grid_writes_corners_to_the_same_file()
    {
        using var store = EdgeStore.Open(DbPath);
        var log = new UplinkLog(store);
        var crashes = Enumerable.Range(1, 500)
            .Select(i => new CrashEntry(i, 19_000 + i % 900, new Casualties(1, 0, 0, 0, 0, 0, 1, 0), 40.6f, -73.9f));
        var corners = Enumerable.Range(0, 10).Select(i => new CornerCopy($"corner-{i}", $"Corner {i}", "BROOKLYN",
            40.6, -73.9, $"digest-{i}", new CrashHistory(crashes))).ToList();

        var writing = Task.Run(() =>
        {
            for (var round = 0; round < 3; round++)
                store.SaveCorners(corners);
        });
        await Task.Run(() => Record(log, 300));
        await writing;

        Assert.Null(log.RecordError);
        Assert.Equal(new UplinkState(300, 300, 0, 0, 0), log.State);
        Assert.Equal(10, store.LoadCorners().Count);
    }

    private static void Record(UplinkLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var fix = UplinkSamples.Fix(i);
            log.Record(fix, UplinkSamples.Answer(fix));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
