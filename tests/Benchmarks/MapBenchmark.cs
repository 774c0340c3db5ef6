using System.Globalization;
using Microsoft.Playwright;

namespace VisionZero.Benchmarks;

/// <summary>
/// The risk map's load in headless Chromium: each run is a fresh browser context (nothing cached), so it pays for
/// the page, its files, the borough outlines, the corners in view and the hotspot table. It reports, per run, the
/// first contentful paint, the time until the page is usable (the grid's marks drawn and the hotspot table filled)
/// and the time to redraw after four clicks on zoom-in, all read from the page's own clock.
/// </summary>
public static class MapBenchmark
{
    public const string Usage = "map URL [--runs N] [--chromium PATH]";

    private const string Ready = """
        () => document.querySelectorAll('#corners circle').length > 0
              && document.querySelectorAll('#hotspot-rows tr').length >= 20
              ? performance.now() : null
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Uri.TryCreate(args[0], UriKind.Absolute, out var site))
            throw new ArgumentException("the first argument must be the site's URL, such as http://127.0.0.1:5080");
        var runs = 5;
        var chromium = "/usr/bin/chromium";
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n is > 0 and <= 100:
                    runs = n;
                    i++;
                    break;
                case "--chromium" when i + 1 < args.Length:
                    chromium = args[++i];
                    break;
                default:
                    throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(
            new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        for (var run = 1; run <= runs; run++)
            Console.WriteLine($"run={run} " + await MeasureAsync(browser, site));
        return 0;
    }

    private static async Task<string> MeasureAsync(IBrowser browser, Uri site)
    {
        await using var context = await browser.NewContextAsync(
            new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = 0;
        page.PageError += (_, _) => errors++;
        await page.GotoAsync(site.ToString());
        var ready = await (await page.WaitForFunctionAsync(Ready, null, new() { Timeout = 120_000 }))
            .JsonValueAsync<double>();
        var paint = await page.EvaluateAsync<double>(
            "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
        var marks = await page.Locator("#corners circle").CountAsync();
        var status = await page.InnerTextAsync("#status");

        // Centred on a drawn mark, four clicks in one script: the figure is the page's (its debounce, the request,
        // the drawing), not the driver's round trips.
        var before = await page.EvaluateAsync<double>("""
            () => {
              const mark = shown.corners[0] ?? shown.cells[0];
              view.lon = mark.lon; view.lat = mark.lat;
              const t = performance.now();
              for (let i = 0; i < 4; i++) document.getElementById('zoom-in').click();
              return t;
            }
            """);
        var redrawn = await (await page.WaitForFunctionAsync(
                "(status) => document.getElementById('status').textContent !== status ? performance.now() : null",
                status, new() { Timeout = 60_000 }))
            .JsonValueAsync<double>();
        var zoomedMarks = await page.Locator("#corners circle").CountAsync();

        return string.Create(CultureInfo.InvariantCulture,
            $"firstPaintMs={paint:F0} readyMs={ready:F0} marks={marks} zoomRedrawMs={redrawn - before:F0} " +
            $"zoomedMarks={zoomedMarks} pageErrors={errors} status=\"{status}\"");
    }
}
