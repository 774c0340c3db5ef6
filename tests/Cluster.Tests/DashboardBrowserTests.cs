using Microsoft.Playwright;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// The dashboards in a real headless browser (Debian's chromium, driven by Playwright): an anonymous
/// visit lands on the sign-in page, a wrong key is refused there, the right one opens both dashboards.
/// </summary>
[Collection(ProcessCollection.Name)]
public class DashboardBrowserTests
{
    private const string Key = "browser-admin-key-0123456789";

    [Fact]
    public async Task A_browser_is_sent_to_sign_in_refused_a_wrong_key_and_let_in_with_the_right_one()
    {
        await using var silo = await SiloProcess.StartAsync(
            31134, 31024, postgres: null, "silo up", "--sample", "false", "--VZ_ADMIN_KEY", Key);
        var site = $"http://127.0.0.1:{SiloProcess.HttpPort(31134)}";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{site}/hangfire");
        Assert.StartsWith($"{site}/signin", page.Url);
        Assert.Equal("Vision Zero Grid: sign in", await page.TitleAsync());

        await page.FillAsync("#key", "a wrong key");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("not the admin key", await page.InnerTextAsync("[role=alert]"));
        Assert.StartsWith($"{site}/signin", page.Url);

        await page.FillAsync("#key", Key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{site}/hangfire**");
        Assert.Contains("Vision Zero Grid jobs", await page.ContentAsync());

        var dashboard = await page.GotoAsync($"{site}/dashboard/");
        Assert.Equal(200, dashboard!.Status);
        Assert.StartsWith($"{site}/dashboard", page.Url);

        // The API reference is public and renders the OpenAPI document's operations.
        await page.GotoAsync($"{site}/api/reference/");
        // Scalar lists each tag's operations as "get /api/..." (drawing later tags only when scrolled to):
        // wait for one of ours.
        await page
            .GetByText(new System.Text.RegularExpressions.Regex("(get|post) /api/(intersections|risk|predict|models)"))
            .First
            .WaitForAsync(new() { Timeout = 20_000 });

        // Another browser profile, never signed in, is still refused.
        var stranger = await (await browser.NewContextAsync()).NewPageAsync();
        await stranger.GotoAsync($"{site}/dashboard/");
        Assert.StartsWith($"{site}/signin", stranger.Url);
    }
}
