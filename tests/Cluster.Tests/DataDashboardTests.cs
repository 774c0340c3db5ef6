using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// The data dashboard (/admin/data) and its answer (/api/admin/data) on a PostgreSQL silo: what it says agrees with
/// the ingest answers, the database and the grid; it is for admins only; the page shows hostile rows as text and
/// updates without a reload. Its screenshot goes to artifacts/screenshots.
/// </summary>
[Collection(ProcessCollection.Name)]
public class DataDashboardTests(DataSilo silo) : IClassFixture<DataSilo>
{
    [Fact]
    public async Task The_answer_agrees_with_the_ingests_the_database_and_the_grid_and_only_admins_get_it()
    {
        using (var anonymous = AdminWeb.Client(SiloProcess.HttpPort(DataSilo.SiloPort)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/data")).StatusCode);
            var page = new HttpRequestMessage(HttpMethod.Get, "/admin/data");
            page.Headers.Accept.ParseAdd("text/html");
            var redirected = await anonymous.SendAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.StartsWith("/signin", redirected.Headers.Location!.PathAndQuery);
            Assert.Contains("href=\"/admin/data\"", await anonymous.GetStringAsync("/"));
        }

        var view = JsonNode.Parse(await silo.Admin.GetStringAsync("/api/admin/data"))!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var (source, answer) in new[]
                 { (DataSilo.PrimarySource, silo.Primary), (DataSilo.DamagedSource, silo.Damaged) })
        {
            var day = view["ingestByDay"]!.AsArray().Single(d => d!["source"]!.GetValue<string>() == source)!;
            Assert.Equal(today, day["day"]!.GetValue<string>());
            Assert.Equal(1, day["runs"]!.GetValue<int>());
            foreach (var count in new[] { "read", "accepted", "replaced", "duplicates", "rejected" })
                Assert.Equal(answer[count]!.GetValue<long>(), day[count]!.GetValue<long>());
        }

        // Rejects by reason: the sums of what the two ingests answered.
        var expected = new[] { silo.Primary, silo.Damaged }
            .SelectMany(a => a["rejectedByReason"]!.AsObject())
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value!.GetValue<long>()));
        var rejects = view["rejects"]!.AsArray()
            .ToDictionary(r => r!["reason"]!.GetValue<string>(), r => r!["rows"]!.GetValue<long>());
        Assert.Equal(expected.Where(p => p.Value > 0).OrderBy(p => p.Key), rejects.OrderBy(p => p.Key));
        Assert.Equal(
            ["bad-count", "bad-date", "bad-id", "future-date"],
            silo.Damaged["rejectedByReason"]!.AsObject().Select(p => p.Key).Order());

        // The newest quarantined rows first: the damaged file's, as they arrived.
        var quarantined = view["quarantined"]!.AsArray();
        Assert.Equal(Math.Min(10, rejects.Values.Sum()), quarantined.Count);
        Assert.Equal(
            ["bad-count", "bad-date", "bad-id", "future-date"],
            quarantined.Take(4).Select(q => q!["reason"]!.GetValue<string>()).Order());
        Assert.Contains(quarantined, q => q!["row"]!.GetValue<string>().Contains("<script>alert(1)</script>"));

        var freshness = view["freshness"]!;
        Assert.Equal(silo.Primary["latestCrashDate"]!.GetValue<string>(), freshness["dataAsOf"]!.GetValue<string>());
        Assert.Equal(
            DateOnly.Parse(today, CultureInfo.InvariantCulture).DayNumber
                - DateOnly.Parse(freshness["dataAsOf"]!.GetValue<string>(), CultureInfo.InvariantCulture).DayNumber,
            freshness["daysBehindWallClock"]!.GetValue<int>());
        Assert.Equal("completed", freshness["lastStatus"]!.GetValue<string>());
        Assert.True(freshness["lastCompletedAt"]!.GetValue<DateTimeOffset>()
                    >= freshness["lastStartedAt"]!.GetValue<DateTimeOffset>());

        // Every corner a stored crash counts at, named by its streets or attributed by its coordinates.
        Assert.Equal(
            await silo.Database.ScalarAsync(
                "SELECT count(DISTINCT coalesce(intersection_id, attributed_intersection_id)) FROM vz_crash_located"),
            view["grid"]!["intersections"]!.GetValue<long>());
        Assert.Equal(
            await silo.Database.ScalarAsync("SELECT count(*) FROM vz_crash"),
            view["grid"]!["crashes"]!.GetValue<long>());

        var replay = view["jobs"]!.AsArray().First(j => j!["kind"]!.GetValue<string>() == "Replay")!;
        Assert.Equal("Succeeded", replay["state"]!.GetValue<string>());
        Assert.True(replay["durationMs"]!.GetValue<long>() >= 0);
        Assert.Null(view["model"]);

        foreach (var days in new[] { "0", "367", "abc", "1e9", "-1" })
        {
            var refused = await silo.Admin.GetAsync($"/api/admin/data?days={days}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("days", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_page_signs_in_shows_every_part_with_hostile_rows_as_text_and_updates_without_a_reload()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }))
            .NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text + " at " + m.Location); };
        page.PageError += (_, e) => errors.Add(e);
        var dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };

        await page.GotoAsync(silo.Site + "/admin/data");
        Assert.StartsWith(silo.Site + "/signin", page.Url);
        await page.FillAsync("#key", DataSilo.Key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(silo.Site + "/admin/data");
        Assert.Equal("Vision Zero Grid: data", await page.TitleAsync());

        await page.Locator("#ingest-rows tr", new() { HasText = DataSilo.PrimarySource }).WaitForAsync();
        var view = JsonNode.Parse(await silo.Admin.GetStringAsync("/api/admin/data"))!;
        Assert.Equal(view["rejects"]!.AsArray().Count, await page.Locator("#reject-rows tr").CountAsync());
        Assert.Contains(DataSilo.DamagedSource, await page.InnerTextAsync("#ingest-rows"));
        Assert.Contains("<script>alert(1)</script>", await page.InnerTextAsync("#quarantine-rows"));
        Assert.Equal(0, await page.Locator("#quarantine-rows script").CountAsync());
        var grid = await page.InnerTextAsync("#grid");
        var intersections = view["grid"]!["intersections"]!.GetValue<int>();
        Assert.Contains(intersections.ToString("N0", CultureInfo.InvariantCulture), grid);
        Assert.Contains(view["freshness"]!["dataAsOf"]!.GetValue<string>(), await page.InnerTextAsync("#freshness"));
        Assert.Contains("Replay", await page.InnerTextAsync("#job-rows"));
        Assert.Contains("none in production", await page.InnerTextAsync("#model"));
        Assert.True(await page.Locator("#ingest-chart rect.accepted").CountAsync() >= 1);
        await HeadlessChromium.ScreenshotAsync(page, "data-dashboard.png", fullPage: true);

        // A new file shows up by itself: the same document (its marker survives), a later poll.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        await silo.IngestAsync("live update.csv", Encoding.UTF8.GetBytes(DataSilo.DamagedFile()));
        await page.Locator("#ingest-rows tr", new() { HasText = "live update.csv" })
            .WaitForAsync(new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));

        Assert.Equal(0, dialogs);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
