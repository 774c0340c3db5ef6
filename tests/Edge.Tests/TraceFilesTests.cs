using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

[Trait("Category", "Fast")]
public sealed class TraceFilesTests
{
    [Theory]
    [InlineData("drive.nmea", TraceFormat.Nmea)]
    [InlineData("DRIVE.TXT", TraceFormat.Nmea)]
    [InlineData("/dev/ttyACM0", TraceFormat.Nmea)]
    [InlineData("-", TraceFormat.Nmea)]
    [InlineData("drive.gpx", TraceFormat.Gpx)]
    [InlineData("traces/drive.Csv", TraceFormat.Csv)]
    public void TheFormatFollowsTheExtension(string path, TraceFormat format) =>
        Assert.Equal(format, TraceFiles.FormatOf(path));

    [Fact]
    public void AnUnknownExtensionIsRefusedNamingIt()
    {
        var refusal = Assert.Throws<TraceFileException>(() => TraceFiles.FormatOf("drive.kml"));

        Assert.Contains(".kml", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADashReadsNmeaFromStandardInput()
    {
        var stdin = TraceRun.Bytes(NmeaText.Rmc() + "\r\n" + NmeaText.Rmc(time: "133001.00") + "\r\n");

        var run = await TraceRun.OfAsync(TraceFiles.ReadAsync(TraceFiles.StandardInput, () => stdin));

        Assert.Equal(2, run.Accepted.Count);
    }
}
