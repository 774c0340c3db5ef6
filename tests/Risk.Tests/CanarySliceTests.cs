using Microsoft.Extensions.Options;
using VisionZero.Grains.Risk.Serving;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class CanarySliceTests
{
    private static readonly string[] Intersections =
        [.. Enumerable.Range(0, 5_000).Select(i => $"street-{i}--avenue-{i % 97}")];

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_share_outside_0_to_100_is_refused_naming_the_setting(int percent)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Model(percent));
        Assert.Contains("Risk:CanaryPercent", error.Message);
    }

    [Fact]
    public void The_slice_is_about_the_configured_share_none_at_0_and_every_corner_at_100()
    {
        Assert.DoesNotContain(Intersections, Model(0).InCanarySlice);
        Assert.All(Intersections, id => Assert.True(Model(100).InCanarySlice(id)));
        Assert.InRange(Intersections.Count(Model(10).InCanarySlice), 400, 600);
        // The same corner is in or out on every silo: nothing per process decides it.
        Assert.Equal(Intersections.Select(Model(10).InCanarySlice), Intersections.Select(Model(10).InCanarySlice));
    }

    private static ServingModels Model(int percent) => new(Options.Create(new RiskOptions { CanaryPercent = percent }));
}
