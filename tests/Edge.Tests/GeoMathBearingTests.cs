using VisionZero.Grid;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class GeoMathBearingTests
{
    [Theory]
    [InlineData(40.7, -73.9, 40.8, -73.9, 0)]
    [InlineData(40.7, -73.9, 40.7, -73.8, 90)]
    [InlineData(40.7, -73.9, 40.6, -73.9, 180)]
    [InlineData(40.7, -73.9, 40.7, -74.0, 270)]
    [InlineData(40.7, -73.9, 40.7, -73.9, 0)]
    public void BearingIsClockwiseFromTrueNorth(double lat1, double lon1, double lat2, double lon2, double bearing) =>
        Assert.Equal(bearing, GeoMath.BearingDegrees(lat1, lon1, lat2, lon2), 0.05);

    [Fact]
    public void FlatbushAvenueFromKingsHighwayToAvenueURunsSouthEast()
    {
        var bearing = GeoMath.BearingDegrees(40.622400, -73.936646, 40.609810, -73.922510);

        Assert.InRange(bearing, 135, 145);
    }

    [Fact]
    public void BearingStaysBelowThreeHundredSixty()
    {
        var bearing = GeoMath.BearingDegrees(40.7, -73.9, 40.8, -73.9 - 1e-15);

        Assert.InRange(bearing, 0, 359.999999);
    }
}
