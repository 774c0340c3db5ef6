using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class CsvReaderTests
{
    private const string Row = "2021-10-05T13:30:00Z,40.6224,-73.9366";

    [Fact]
    public async Task ARowWithAbcAsLatitudeIsMalformedAndTheOtherRowsRead()
    {
        var run = await TraceRun.OfCsvAsync(
            "time,lat,lon\n2021-10-05T13:29:59Z,abc,-73.9366\n" + Row + "\n");

        Assert.Equal(1, run.Counts.Malformed);
        var fix = Assert.Single(run.Accepted);
        Assert.Equal(-73.9366, fix.Longitude);
    }

    [Fact]
    public async Task ACsvWithoutALonColumnIsRefusedNamingIt()
    {
        var refusal = await Assert.ThrowsAsync<TraceFileException>(
            () => TraceRun.OfCsvAsync("time,lat,longitude\n" + Row + "\n"));

        Assert.Contains("test.csv", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("'lon'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColumnsMayComeInAnyOrderAmongOthers()
    {
        var run = await TraceRun.OfCsvAsync("Lon,speed,Time,lat\n-73.9366,9.5,2021-10-05T09:30:00-04:00,40.6224\n");

        var fix = Assert.Single(run.Accepted);
        Assert.Equal(new DateTimeOffset(2021, 10, 5, 13, 30, 0, TimeSpan.Zero), fix.Time);
        Assert.Equal(TimeSpan.Zero, fix.Time.Offset);
    }

    [Theory]
    [InlineData("2021-10-05T13:29:59Z,40.6224")]
    [InlineData("10/05/2021 13:29:59,40.6224,-73.9366")]
    [InlineData("2021-10-05T13:29:59Z,NaN,-73.9366")]
    [InlineData("2021-10-05T13:29:59Z,40.6224,-273.9366")]
    public async Task AShortRowOrAWrongTypeIsMalformed(string row)
    {
        var run = await TraceRun.OfCsvAsync($"time,lat,lon\n{row}\n{Row}\n");

        Assert.Equal(1, run.Counts.Malformed);
        Assert.Single(run.Accepted);
    }

    [Fact]
    public async Task AnUnclosedQuoteDoesNotThrow()
    {
        var run = await TraceRun.OfCsvAsync($"time,lat,lon\n{Row}\n\"2021-10-05T13:30:01Z,40.6224,-73.9366\n");

        Assert.Single(run.Accepted);
    }

    [Fact]
    public async Task AnEmptyCsvGivesNothing()
    {
        var run = await TraceRun.OfCsvAsync("");

        Assert.Equal(FixCounts.None, run.Counts);
    }
}
