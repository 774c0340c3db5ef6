using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class BundledTraceTests
{
    [Fact]
    public async Task TheNmeaGpxAndCsvDrivesReadToTheSameAcceptedFixes()
    {
        var nmea = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".nmea")));
        var gpx = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".gpx")));
        var csv = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".csv")));

        Assert.True(nmea.Accepted.Count > 600, $"{nmea.Accepted.Count} fixes");
        foreach (var other in new[] { gpx, csv })
        {
            Assert.Equal(nmea.Accepted.Count, other.Accepted.Count);
            for (var i = 0; i < nmea.Accepted.Count; i++)
            {
                Assert.Equal(nmea.Accepted[i].Time, other.Accepted[i].Time);
                Assert.Equal(nmea.Accepted[i].Latitude, other.Accepted[i].Latitude, 1e-6);
                Assert.Equal(nmea.Accepted[i].Longitude, other.Accepted[i].Longitude, 1e-6);
            }
        }
    }

    [Fact]
    public async Task EveryFixOfTheBundledDriveIsAcceptedOnceASecond()
    {
        var nmea = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".nmea")));

        Assert.Equal(0, nmea.Counts.Skipped);
        Assert.Equal(nmea.Accepted.Count, nmea.Counts.Accepted);
        Assert.All(nmea.Accepted.Zip(nmea.Accepted.Skip(1)),
            pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second.Time - pair.First.Time));
    }

    [Fact]
    public async Task CoursesDerivedFromGpxMovementFollowTheReceiversCourse()
    {
        var nmea = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".nmea")));
        var gpx = await TraceRun.OfAsync(TraceFiles.ReadAsync(BundledTraces.PathOf(".gpx")));

        Assert.All(nmea.Accepted, fix => Assert.NotNull(fix.SpeedMetersPerSecond));
        var moving = nmea.Accepted.Select((fix, i) => (Given: fix, Derived: gpx.Accepted[i]))
            .Where(pair => pair.Given.SpeedMetersPerSecond > 5)
            .Select(pair => AngleBetween(pair.Given.CourseDegrees!.Value, pair.Derived.CourseDegrees!.Value))
            .Order()
            .ToList();
        Assert.True(moving.Count > 400, $"{moving.Count} moving fixes");
        Assert.True(moving[moving.Count / 2] < 10, $"median difference {moving[moving.Count / 2]:F1} degrees");
    }

    private static double AngleBetween(double a, double b)
    {
        var difference = Math.Abs(a - b) % 360;
        return difference > 180 ? 360 - difference : difference;
    }
}
