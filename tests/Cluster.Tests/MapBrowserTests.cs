using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// The risk map at / in headless Chromium: the grid drawn, the hotspot table, a search in the other order with
/// abbreviations, a click on a marker, "where am I", hostile input shown as text, and no console error.
/// Screenshots go to artifacts/screenshots (the README's come from there).
/// </summary>
[Collection(ProcessCollection.Name)]
public class MapBrowserTests(MapSilo silo) : IClassFixture<MapSilo>
{
    private const string Corner = "avenue-u--flatbush-avenue";

    [Fact]
    public async Task The_map_draws_the_grid_finds_a_corner_opens_its_panel_and_tells_a_visitor_their_area()
    {
        var top = JsonNode.Parse(await silo.Http.GetStringAsync("/api/intersections/top?k=20"))!.AsArray();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            Geolocation = new() { Latitude = 40.6098f, Longitude = -73.9225f },
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };

        await page.GotoAsync(silo.Site + "/");
        Assert.Equal("Vision Zero Grid: risk map", await page.TitleAsync());
        await page.Locator("#corners circle.corner").First.WaitForAsync();
        await page.Locator("#hotspot-rows tr").Nth(19).WaitForAsync();
        var whole = JsonNode.Parse(await silo.Http.GetStringAsync(
            "/api/map/corners?west=-74.27&south=40.49&east=-73.68&north=40.92"))!;
        Assert.Equal(whole["total"]!.GetValue<int>(), await page.Locator("#corners circle.corner").CountAsync());
        Assert.Equal(5, await page.Locator("#boroughs path").CountAsync());
        Assert.Equal(20, await page.Locator("#hotspot-rows tr").CountAsync());
        Assert.Equal(top[0]!["id"]!.GetValue<string>(),
            await page.Locator("#hotspot-rows tr").First.GetAttributeAsync("data-id"));
        Assert.Contains("model", await page.InnerTextAsync("#status"));
        await HeadlessChromium.ScreenshotAsync(page, "map-grid.png");

        // The other order, abbreviated, as the API takes it.
        await page.FillAsync("#name", "Flatbush Ave & Avenue U");
        await page.ClickAsync("#search button[type=submit]");
        await page.Locator("#corner-name").WaitForAsync();
        Assert.Equal("AVENUE U & FLATBUSH AVENUE", await page.InnerTextAsync("#corner-name"));
        var panel = await page.InnerTextAsync("#panel");
        Assert.Contains("Dangerous", panel);
        Assert.Contains("crashes expected in the next 6 months", panel);
        Assert.Matches("model \\d+", panel);
        Assert.True(await page.Locator("#chart rect").CountAsync() > 24, "fewer than two years of monthly bars");
        await HeadlessChromium.ScreenshotAsync(page, "map-corner.png");

        // A click on a marker opens the panel of the corner under the pointer.
        var handle = await page.WaitForFunctionAsync(
            """
            () => {
              const box = document.getElementById('map').getBoundingClientRect();
              for (const c of document.querySelectorAll('#corners circle.corner')) {
                if (c.dataset.id === 'avenue-u--flatbush-avenue') continue;
                const r = c.getBoundingClientRect();
                const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
                if (x > box.left + 40 && x < box.right - 40 && y > box.top + 40 && y < box.bottom - 40
                    && document.elementFromPoint(x, y) === c) return `${x}|${y}|${c.dataset.id}`;
              }
              return null;
            }
            """);
        var found = (await handle.JsonValueAsync<string>()).Split('|');
        var (x, y, clicked) = (float.Parse(found[0], CultureInfo.InvariantCulture),
            float.Parse(found[1], CultureInfo.InvariantCulture), found[2]);
        await page.Mouse.ClickAsync(x, y);
        var clickedName = JsonNode.Parse(await silo.Http.GetStringAsync($"/api/intersections/{clicked}"))!["name"]!
            .GetValue<string>();
        await page.WaitForFunctionAsync(
            "name => document.getElementById('corner-name')?.textContent === name", clickedName);

        // A hotspot row opens its corner, centred on the map.
        var second = top[1]!["id"]!.GetValue<string>();
        await page.Locator("#hotspot-rows tr").Nth(1).ClickAsync();
        await page.WaitForFunctionAsync(
            "name => document.getElementById('corner-name')?.textContent === name",
            top[1]!["name"]!.GetValue<string>());
        await page.Locator($"#corners circle[data-id='{second}']").WaitForAsync();

        await page.ClickAsync("#locate");
        await page.Locator("#area-risk").WaitForAsync();
        var area = await page.InnerTextAsync("#panel");
        var near = JsonNode.Parse(await silo.Http.GetStringAsync("/api/risk/near?lat=40.6098&lon=-73.9225&limit=5"))!;
        Assert.Contains($"{near["summary"]!["intersections"]} corners", area);
        Assert.Equal(near["intersections"]!.AsArray().Count, await page.Locator("#panel li").CountAsync());

        // Hostile input comes back as text: no markup, no script.
        await page.FillAsync("#name", "<img src=x onerror=alert(1)> & <script>alert(2)</script>");
        await page.ClickAsync("#search button[type=submit]");
        await page.Locator("#panel [role=alert]").WaitForAsync();
        Assert.Equal(0, await page.Locator("#panel img").CountAsync());
        Assert.Equal(0, dialogs);
        Assert.DoesNotContain(errors, e => !e.Contains("404") && !e.Contains("400"));
    }
}
