using VisionZero.Benchmarks;

namespace VisionZero.Benchmarks.Tests;

[Trait("Category", "Fast")]
public class MapBenchmarkTests
{
    [Theory]
    [InlineData(new string[0], "the first argument must be the site's URL")]
    [InlineData(new[] { "not a url" }, "the first argument must be the site's URL")]
    [InlineData(new[] { "http://127.0.0.1:1/", "--runs", "0" }, "unknown or incomplete option '--runs'")]
    [InlineData(new[] { "http://127.0.0.1:1/", "--runs", "1e9" }, "unknown or incomplete option '--runs'")]
    [InlineData(new[] { "http://127.0.0.1:1/", "--chromium" }, "unknown or incomplete option '--chromium'")]
    [InlineData(new[] { "http://127.0.0.1:1/", "--fast" }, "unknown or incomplete option '--fast'")]
    public async Task Bad_options_are_refused_by_name_before_a_browser_starts(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => MapBenchmark.RunAsync(args));
        Assert.Contains(message, error.Message);
    }
}
