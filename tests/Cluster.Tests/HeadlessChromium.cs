using Microsoft.Playwright;

namespace VisionZero.Cluster.Tests;

/// <summary>Debian's chromium, as the browser tests drive it, and where their screenshots go.</summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: deploy/local/test.sh installs it");
        return playwright.Chromium.LaunchAsync(
            new() { ExecutablePath = Path, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>
    /// Saves the page to artifacts/screenshots (the README's come from there) and checks it holds a picture.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        var folder = System.IO.Path.Combine(SharedData.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, name);
        await page.ScreenshotAsync(new() { Path = file, FullPage = fullPage });
        Assert.True(new FileInfo(file).Length > 10_000, $"{name} is nearly empty");
    }
}
