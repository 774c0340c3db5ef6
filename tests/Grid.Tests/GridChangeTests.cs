using VisionZero.CrashData;
using VisionZero.Ingest;

namespace VisionZero.Grid.Tests;

/// <summary>Each test gets its own database and one-silo cluster: these tests change the grid.</summary>
public class GridChangeTests : SingleSiloGridTest
{
    [Fact]
    public async Task A_changed_record_replaces_the_old_one_and_is_never_counted_twice()
    {
        await IngestAsync(CsvText.Export(
            CsvText.Row(1, "01/05/2020", "A STREET", "B STREET"),
            CsvText.Row(2, "01/06/2020", "A STREET", "B STREET")));
        var moved = await IngestAsync(CsvText.Export(CsvText.Row(1, "02/05/2020", "C STREET", "D STREET", injured: 2)));
        Assert.Equal((0L, 1L, 0L), (moved.Accepted, moved.Replaced, moved.Duplicates));
        Assert.Equal(1, (await GetAsync("A ST & B ST"))!.OneYear.Crashes);
        var target = (await GetAsync("D STREET & C STREET"))!;
        Assert.Equal((1, 2), (target.OneYear.Crashes, target.OneYear.PersonsInjured));
        Assert.Equal(2, await Database.ScalarAsync("SELECT count(*) FROM vz_crash"));

        var again = await IngestAsync(CsvText.Export(CsvText.Row(1, "02/05/2020", "C STREET", "D STREET", injured: 2)));
        Assert.Equal((0L, 0L, 1L), (again.Accepted, again.Replaced, again.Duplicates));
        Assert.Equal(1, (await GetAsync("C ST & D ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task Queries_after_an_ingest_see_it_though_the_same_questions_were_answered_from_the_cache_before()
    {
        var query = Cluster.Client.GetGrain<IGridQueryGrain>(0);
        var day = DateOnly.Parse("2020-12-31");
        await IngestAsync(CsvText.Export(
            CsvText.Row(1, "06/01/2020", "A STREET", "B STREET", "40.600000", "-73.900000"),
            CsvText.Row(2, "06/02/2020", "C STREET", "D STREET", "40.610000", "-73.900000"),
            CsvText.Row(3, "06/03/2020", "C STREET", "D STREET", "40.610000", "-73.900000")));
        for (var i = 0; i < 2; i++) // the second round is answered from the silo's query cache
        {
            Assert.Equal(1, (await query.Get("a-street--b-street", day))!.OneYear.Crashes);
            Assert.Equal("c-street--d-street", (await query.Top(1, day))[0].Id);
            Assert.Single(await query.Near(40.6, -73.9, 100, day));
        }

        // Inside the dates already seen: the data clock does not move, only the grid's generation does.
        await IngestAsync(CsvText.Export(
            CsvText.Row(4, "06/02/2020", "A STREET", "B STREET", "40.600000", "-73.900000"),
            CsvText.Row(5, "06/02/2020", "A STREET", "B STREET", "40.600000", "-73.900000"),
            CsvText.Row(6, "06/02/2020", "G STREET", "H STREET", "40.600100", "-73.900100")));
        Assert.Equal(3, (await query.Get("a-street--b-street", day))!.OneYear.Crashes);
        Assert.Equal("a-street--b-street", (await query.Top(1, day))[0].Id);
        Assert.Equal(
            ["a-street--b-street", "g-street--h-street"],
            (await query.Near(40.6, -73.9, 100, day)).Select(n => n.Intersection.Id).ToArray());
        Assert.Equal(3, (await query.Top(10, null)).Length);
    }

    [Fact]
    public async Task
        A_postgresql_failure_under_an_ingest_reaches_the_caller_as_a_readable_error_and_the_grid_keeps_serving()
    {
        await IngestAsync(CsvText.Export(CsvText.Row(1, "06/01/2020", "A STREET", "B STREET")));
        // The ledger disappears under the silo (an operator's mistake, a failed migration).
        await Database.ScalarAsync("ALTER TABLE vz_ingest_run RENAME TO vz_ingest_run_away; SELECT 0");
        var error = await Assert.ThrowsAsync<StorageFailedException>(() =>
            IngestAsync(CsvText.Export(CsvText.Row(2, "06/02/2020", "A STREET", "B STREET"))));
        Assert.Contains("vz_ingest_run", error.Message);
        Assert.Contains("PostgreSQL", error.Message);

        await Database.ScalarAsync("ALTER TABLE vz_ingest_run_away RENAME TO vz_ingest_run; SELECT 0");
        Assert.Equal(1, (await GetAsync("A ST & B ST"))!.OneYear.Crashes);
        Assert.Equal(
            1,
            (await IngestAsync(CsvText.Export(CsvText.Row(2, "06/02/2020", "A STREET", "B STREET")))).Accepted);
        Assert.Equal(2, (await GetAsync("A ST & B ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task The_same_id_twice_in_one_file_keeps_only_the_last_version()
    {
        var summary = await IngestAsync(CsvText.Export(
            CsvText.Row(7, "03/01/2020", "A STREET", "B STREET"), CsvText.Row(8, "03/01/2020", "X STREET", "Y STREET"),
            CsvText.Row(7, "03/02/2020", "C STREET", "D STREET")));
        Assert.Equal((2L, 1L), (summary.Accepted, summary.Replaced));
        Assert.Equal(0, (await GetAsync("A ST & B ST"))?.OneYear.Crashes ?? 0);
        Assert.Equal(1, (await GetAsync("C ST & D ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task Coordinate_only_crashes_join_the_nearest_corner_within_30_m_and_the_rest_are_counted_unmatched()
    {
        var summary = await IngestAsync(CsvText.Export(
            CsvText.Row(1, "04/01/2020", "A STREET", "B STREET", "40.600000", "-73.900000"),
            CsvText.Row(2, "04/02/2020", "A STREET", "B STREET", "40.600010", "-73.900010"),
            CsvText.Row(3, "04/03/2020", "A STREET", "", "40.600150", "-73.900000"),   // ~16 m north
            CsvText.Row(4, "04/04/2020", "A STREET", "", "40.601000", "-73.900000")));  // ~110 m north
        Assert.Equal((1L, 1L), (summary.Attributed, summary.Unmatched));
        Assert.Equal(3, (await GetAsync("A ST & B ST"))!.OneYear.Crashes);
        Assert.Equal(1, await Database.ScalarAsync(
            "SELECT count(*) FROM vz_crash_located " +
            "WHERE collision_id = 3 AND attributed_intersection_id = 'a-street--b-street'"));
        Assert.Equal(1, await Database.ScalarAsync(
            "SELECT count(*) FROM vz_crash_located WHERE collision_id = 4 AND attributed_intersection_id IS NULL"));
    }

    [Fact]
    public async Task Bad_rows_go_to_the_quarantine_with_reason_and_raw_row_and_good_rows_still_land()
    {
        var summary = await IngestAsync(CsvText.Export(
            CsvText.Row(1, "05/01/2020", "A STREET", "B STREET"),
            CsvText.Row(2, "13/13/2020", "A STREET", "B STREET"),
            CsvText.Row(3, "05/01/2031", "A STREET", "B STREET"),
            CsvText.Row(4, "05/01/2020", "A\0'; DROP TABLE vz_crash; --", "B STREET", "40.7", "-201.2"),
            "only,three,columns",
            CsvText.Row(5, "05/02/2020", "A STREET", "B STREET")));
        Assert.Equal(2, summary.Accepted);
        Assert.Equal(4, summary.Rejected);
        Assert.Equal(1, summary.RejectedByReason[RejectReason.BadDate]);
        Assert.Equal(1, summary.RejectedByReason[RejectReason.FutureDate]);
        Assert.Equal(1, summary.RejectedByReason[RejectReason.OutsideNyc]);
        Assert.Equal(1, summary.RejectedByReason[RejectReason.MalformedRow]);
        Assert.Equal(4, await Database.ScalarAsync("SELECT count(*) FROM vz_quarantine"));
        Assert.Equal(1, await Database.ScalarAsync(
            "SELECT count(*) FROM vz_quarantine WHERE raw_row LIKE '%DROP TABLE vz_crash%'"));
        Assert.Equal(2, await Database.ScalarAsync("SELECT count(*) FROM vz_crash"));
        Assert.Equal(2, (await GetAsync("A ST & B ST"))!.OneYear.Crashes);
    }

    [Fact]
    public async Task An_empty_export_is_a_run_with_nothing_in_it()
    {
        var summary = await IngestAsync(CsvText.Export());
        Assert.Equal((0L, 0L, 0L), (summary.Read, summary.Accepted, summary.Rejected));
        Assert.Equal(1, await Database.ScalarAsync("SELECT count(*) FROM vz_ingest_run WHERE status = 'completed'"));
    }

    [Fact]
    public async Task A_wrong_file_is_refused_before_anything_is_stored()
    {
        await Assert.ThrowsAsync<CrashFileFormatException>(() =>
            IngestAsync(new MemoryStream("DATE,PRCP\n2020-01-01,0.3\n"u8.ToArray())));
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM vz_ingest_run"));
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_wholeCluster()
    {
        await IngestAsync(CsvText.Export(
            CsvText.Row(1, "06/01/2020", "A STREET", "B STREET", "40.6", "-73.9", injured: 3)));
        var before = await GetAsync("A ST & B ST");
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await GridCluster.StartAsync(Database.ConnectionString, silos: 1);
        Assert.Equal(before, await GetAsync("A ST & B ST"));
        Assert.Equal(new DateOnly(2020, 6, 1), await Cluster.Client.GetGrain<IDataClockGrain>(0).GetLatestCrashDate());
        var near = await Cluster.Client.GetGrain<IGridQueryGrain>(0).Near(40.6, -73.9, 50, null);
        Assert.Equal("a-street--b-street", Assert.Single(near).Intersection.Id);
    }

    [Fact]
    public async Task Records_of_a_run_that_never_completed_reach_their_corners_when_the_file_comes_again()
    {
        // A client that dies after sending a batch: the records are stored, the corners never updated.
        await StartRunWithOneCrashAsync("crashed-client.csv", 11, "E STREET", "F STREET");
        Assert.Equal(1, await Database.ScalarAsync("SELECT count(*) FROM vz_crash"));
        Assert.Null(await GetAsync("E ST & F ST"));

        var again = await IngestAsync(CsvText.Export(CsvText.Row(11, "07/01/2020", "E STREET", "F STREET")));
        Assert.Equal((0L, 1L), (again.Accepted, again.Duplicates));
        Assert.Equal(1, (await GetAsync("E ST & F ST"))!.OneYear.Crashes);
        var third = await IngestAsync(CsvText.Export(CsvText.Row(11, "07/01/2020", "E STREET", "F STREET")));
        Assert.Equal((0L, 1L, 0), (third.Accepted, third.Duplicates, third.IntersectionsTouched));
        Assert.Equal(1, (await GetAsync("E ST & F ST"))!.OneYear.Crashes);
    }
}
