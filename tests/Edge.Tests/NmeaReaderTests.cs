using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class NmeaReaderTests
{
    [Fact]
    public async Task AnRmcSentenceGivesTimePositionSpeedAndCourse()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc());

        var fix = Assert.Single(run.Accepted);
        Assert.Equal(new DateTimeOffset(2021, 10, 5, 13, 30, 0, TimeSpan.Zero), fix.Time);
        Assert.Equal(40 + 37.34298 / 60, fix.Latitude, 1e-9);
        Assert.Equal(-(73 + 56.20039 / 60), fix.Longitude, 1e-9);
        Assert.Equal(20 * 1852.0 / 3600, fix.SpeedMetersPerSecond!.Value, 1e-9);
        Assert.Equal(140.6, fix.CourseDegrees!.Value, 1e-9);
    }

    [Fact]
    public async Task ABadChecksumIsCountedAndTheNextSentenceStillReads()
    {
        var corrupted = NmeaText.Rmc().Replace("4037", "4038", StringComparison.Ordinal);

        var run = await TraceRun.OfNmeaAsync(corrupted, NmeaText.Rmc(time: "133001.00"));

        Assert.Equal(1, run.Counts.BadChecksum);
        Assert.Single(run.Accepted);
    }

    [Fact]
    public async Task ASentenceWithoutAChecksumIsABadChecksum()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc()[..^3]);

        Assert.Equal(1, run.Counts.BadChecksum);
        Assert.Empty(run.Accepted);
    }

    [Fact]
    public async Task AnRmcWithStatusVIsNoFix()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Sentence("GPRMC,133000.00,V,,,,,,,051021,,,N"));

        Assert.Equal(1, run.Counts.NoFix);
        Assert.Empty(run.Accepted);
    }

    [Fact]
    public async Task AGgaWithQualityZeroIsNoFix()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc(), NmeaText.Gga(time: "133001.00", quality: "0"));

        Assert.Equal(1, run.Counts.NoFix);
        Assert.Single(run.Accepted);
    }

    [Fact]
    public async Task AGgaBeforeAnyRmcIsNoFixForWantOfADate()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Gga());

        Assert.Equal(1, run.Counts.NoFix);
        Assert.Empty(run.Accepted);
    }

    [Fact]
    public async Task AGgaTakesTheDateOfTheLastRmc()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc(), NmeaText.Gga(time: "133005.50"));

        Assert.Equal(new DateTimeOffset(2021, 10, 5, 13, 30, 5, 500, TimeSpan.Zero), run.Accepted[1].Time);
        Assert.Null(run.Accepted[1].SpeedMetersPerSecond);
    }

    [Fact]
    public async Task AGgaJustPastMidnightTakesTheNextDay()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc(time: "235959.00"), NmeaText.Gga(time: "000000.00"));

        Assert.Equal(new DateTimeOffset(2021, 10, 6, 0, 0, 0, TimeSpan.Zero), run.Accepted[1].Time);
        Assert.Equal(0, run.Counts.Jump);
    }

    [Fact]
    public async Task TheRmcAndGgaOfOneEpochGiveOneFix()
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc(), NmeaText.Gga(), NmeaText.Rmc(time: "133001.00"));

        Assert.Equal(2, run.Accepted.Count);
        Assert.Equal(0, run.Counts.Skipped);
    }

    [Fact]
    public async Task OtherSentenceTypesAreIgnoredNotCounted()
    {
        var run = await TraceRun.OfNmeaAsync(
            NmeaText.Sentence("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00"),
            NmeaText.Sentence("GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1"),
            NmeaText.Sentence("PGRME,15.0,M,45.0,M,25.0,M"),
            NmeaText.Rmc());

        Assert.Single(run.Accepted);
        Assert.Equal(0, run.Counts.Skipped);
    }

    [Fact]
    public async Task ALastLineWithoutALineEndStillReads()
    {
        var run = await TraceRun.OfAsync(NmeaTraceReader.ReadAsync(new StringReader(NmeaText.Rmc())));

        Assert.Single(run.Accepted);
    }
}
