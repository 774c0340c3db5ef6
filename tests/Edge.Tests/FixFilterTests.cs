using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class FixFilterTests
{
    private static readonly DateTimeOffset Start = new(2021, 10, 5, 13, 30, 0, TimeSpan.Zero);

    [Fact]
    public void APointInNewJerseyIsOutsideTheExtent()
    {
        var filter = new FixFilter();

        var accepted = filter.TryAccept(At(0, 40.7968, -74.4815), out _); // Morristown, NJ

        Assert.False(accepted);
        Assert.Equal(1, filter.Counts.OutsideExtent);
    }

    [Fact]
    public void AOneKilometerJumpInOneSecondIsAJumpAndTheTrackGoesOn()
    {
        var filter = new FixFilter();
        var north = 1000 / 111_195.0;

        Assert.True(filter.TryAccept(At(0, 40.6224, -73.9366), out _));
        Assert.False(filter.TryAccept(At(1, 40.6224 + north, -73.9366), out _));
        Assert.True(filter.TryAccept(At(2, 40.6225, -73.9366), out _));

        Assert.Equal(new FixCounts(2, 0, 0, 0, 1, 0), filter.Counts);
    }

    [Fact]
    public void TimeGoingBackwardsIsAJump()
    {
        var filter = new FixFilter();

        filter.TryAccept(At(10, 40.6224, -73.9366), out _);
        var accepted = filter.TryAccept(At(9, 40.6224, -73.9366), out _);

        Assert.False(accepted);
        Assert.Equal(1, filter.Counts.Jump);
    }

    [Fact]
    public void EachSkipReasonFromAReaderIsCountedUnderItsOwnName()
    {
        var filter = new FixFilter();

        foreach (var reason in Enum.GetValues<FixSkipReason>())
            Assert.False(filter.TryAccept(FixParseResult.Skipped(reason), out _));

        Assert.Equal(new FixCounts(0, 1, 1, 1, 1, 1), filter.Counts);
        Assert.All(Enum.GetValues<FixSkipReason>(), reason => Assert.Equal(1, filter.Counts.SkippedFor(reason)));
    }

    [Fact]
    public void CountsAreASnapshotThatLaterFixesDoNotChange()
    {
        var filter = new FixFilter();
        filter.TryAccept(At(0, 40.6224, -73.9366), out _);

        var before = filter.Counts;
        filter.TryAccept(At(1, 40.6225, -73.9366), out _);

        Assert.Equal(1, before.Accepted);
        Assert.Equal(2, filter.Counts.Accepted);
    }

    [Theory]
    [InlineData(0.0002, 0, 0)]
    [InlineData(0, 0.0003, 90)]
    [InlineData(-0.0002, 0, 180)]
    [InlineData(0, -0.0003, 270)]
    public void AFixWithoutACourseGetsTheBearingOfItsMovement(double dLatitude, double dLongitude, double course)
    {
        var filter = new FixFilter();

        filter.TryAccept(At(0, 40.6224, -73.9366), out _);
        filter.TryAccept(At(1, 40.6224 + dLatitude, -73.9366 + dLongitude), out var moved);

        Assert.Equal(course, moved!.CourseDegrees!.Value, 0.5);
    }

    [Fact]
    public void AStandingVehicleKeepsItsLastCourseThroughReceiverNoise()
    {
        var filter = new FixFilter();
        filter.TryAccept(At(0, 40.6224, -73.9366), out _);
        filter.TryAccept(At(1, 40.6226, -73.9366), out _);

        filter.TryAccept(At(2, 40.62258, -73.93663), out var jittered); // 3 m south-west of the last fix

        Assert.Equal(0, jittered!.CourseDegrees!.Value, 0.5);
    }

    [Fact]
    public void ACourseTheSourceGivesIsKept()
    {
        var filter = new FixFilter();
        filter.TryAccept(At(0, 40.6224, -73.9366), out _);

        var withCourse = new GpsFix(Start.AddSeconds(1), 40.6226, -73.9366, CourseDegrees: 42);

        filter.TryAccept(FixParseResult.Parsed(withCourse), out var fix);

        Assert.Equal(42, fix!.CourseDegrees);
    }

    private static FixParseResult At(int second, double latitude, double longitude) =>
        FixParseResult.Parsed(new GpsFix(Start.AddSeconds(second), latitude, longitude));
}
