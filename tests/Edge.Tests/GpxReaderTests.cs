using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class GpxReaderTests
{
    private const string Track = "<trk><trkseg>{0}</trkseg></trk>";
    private const string Point = """<trkpt lat="40.6224" lon="-73.9366"><time>2021-10-05T13:30:00Z</time></trkpt>""";

    [Theory]
    [InlineData("""<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">""" + Track + "</gpx>")]
    [InlineData("""<gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0">""" + Track + "</gpx>")]
    [InlineData("""<g:gpx xmlns:g="urn:gpx"><g:trk><g:trkseg>{0}</g:trkseg></g:trk></g:gpx>""")]
    [InlineData("<gpx>" + Track + "</gpx>")]
    public async Task TrackPointsReadWhateverTheNamespace(string document)
    {
        var point = document.StartsWith("<g:", StringComparison.Ordinal)
            ? Point.Replace("trkpt", "g:trkpt", StringComparison.Ordinal)
                .Replace("time>", "g:time>", StringComparison.Ordinal)
            : Point;

        var run = await TraceRun.OfGpxAsync(string.Format(document, point));

        var fix = Assert.Single(run.Accepted);
        Assert.Equal(40.6224, fix.Latitude);
        Assert.Equal(new DateTimeOffset(2021, 10, 5, 13, 30, 0, TimeSpan.Zero), fix.Time);
    }

    [Fact]
    public async Task AGpxWithADoctypeIsRefusedNamingTheDoctype()
    {
        var document = "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY a \"b\">]><gpx><trk><trkseg>" + Point +
            "</trkseg></trk></gpx>";

        var refusal = await Assert.ThrowsAsync<TraceFileException>(() => TraceRun.OfGpxAsync(document));

        Assert.Contains("test.gpx", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("DOCTYPE", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExternalEntityIsNeverRead()
    {
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "do-not-leak");
        try
        {
            var document = $"<!DOCTYPE gpx [<!ENTITY x SYSTEM \"file://{secret}\">]>" +
                "<gpx><trk><trkseg><trkpt lat=\"40.6\" lon=\"-73.9\"><time>&x;</time></trkpt></trkseg></trk></gpx>";

            var refusal = await Assert.ThrowsAsync<TraceFileException>(() => TraceRun.OfGpxAsync(document));

            Assert.DoesNotContain("do-not-leak", refusal.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Theory]
    [InlineData("""<trkpt lat="40.6224" lon="-73.9366"/>""")]
    [InlineData("""<trkpt lat="40.6224"><time>2021-10-05T13:30:00Z</time></trkpt>""")]
    [InlineData("""<trkpt lat="north" lon="-73.9366"><time>2021-10-05T13:30:00Z</time></trkpt>""")]
    [InlineData("""<trkpt lat="40.6224" lon="-73.9366"><time>yesterday</time></trkpt>""")]
    [InlineData("""<trkpt lat="40.6224" lon="-73.9366"><time><b>2021</b></time></trkpt>""")]
    public async Task ATrackPointWithoutAUsablePositionOrTimeIsMalformed(string point)
    {
        var run = await TraceRun.OfGpxAsync($"<gpx><trk><trkseg>{point}{Point}</trkseg></trk></gpx>");

        Assert.Equal(1, run.Counts.Malformed);
        Assert.Single(run.Accepted);
    }

    [Fact]
    public async Task ATruncatedGpxKeepsItsPointsAndCountsOneMalformed()
    {
        var run = await TraceRun.OfGpxAsync($"<gpx><trk><trkseg>{Point}<trkpt lat=\"40.62");

        Assert.Single(run.Accepted);
        Assert.Equal(1, run.Counts.Malformed);
    }

    [Fact]
    public async Task BinaryGarbageInAGpxIsMalformedAndNothingThrows()
    {
        var garbage = new byte[4096];
        new Random(15).NextBytes(garbage);

        var run = await TraceRun.OfAsync(GpxTraceReader.ReadAsync(new MemoryStream(garbage), "noise.gpx"));

        Assert.Empty(run.Accepted);
        Assert.Equal(1, run.Counts.Malformed);
    }

    [Fact]
    public async Task AnEmptyGpxGivesNoFix()
    {
        var run = await TraceRun.OfGpxAsync("");

        Assert.Empty(run.Accepted);
    }
}
