using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Tests;

/// <summary>What a serial line or a damaged file can hand the NMEA reader: each is counted, none throws.</summary>
[Trait("Category", "Fast")]
public sealed class NmeaDamagedInputTests
{
    [Fact]
    public async Task ALineOfTenThousandCharactersIsMalformedAndReadingGoesOn()
    {
        var run = await TraceRun.OfNmeaAsync("$GPRMC," + new string('9', 10_000), NmeaText.Rmc());

        Assert.Equal(1, run.Counts.Malformed);
        Assert.Single(run.Accepted);
    }

    [Theory]
    [InlineData("GPRMC,133000.00,A,4037.34298,N,07356.20039,W,20.0,140.6,051021")]
    [InlineData("GPRMC,133000.00,A,4037.34298,N,07356.20039,W,fast,140.6,051021,,,A")]
    [InlineData("GPRMC,133000.00,A,4037.34298,Q,07356.20039,W,20.0,140.6,051021,,,A")]
    [InlineData("GPRMC,133000.00,A,4097.34298,N,07356.20039,W,20.0,140.6,051021,,,A")]
    [InlineData("GPRMC,253000.00,A,4037.34298,N,07356.20039,W,20.0,140.6,051021,,,A")]
    [InlineData("GPRMC,133000.00,A,4037.34298,N,07356.20039,W,20.0,140.6,310221,,,A")]
    [InlineData("GPGGA,133000.00,4037.34298,N,07356.20039,W,1,10,0.9")]
    [InlineData("GPGGA,133000.00,4037.34298,N,07356.20039,W,x,10,0.9,6.0,M,-32.4,M,,")]
    public async Task AWrongFieldCountOrTypeIsMalformed(string body)
    {
        var run = await TraceRun.OfNmeaAsync(NmeaText.Rmc(time: "120000.00"), NmeaText.Sentence(body));

        Assert.Equal(1, run.Counts.Malformed);
        Assert.Single(run.Accepted);
    }

    [Fact]
    public async Task BinaryGarbageIsMalformedAndNothingThrows()
    {
        var garbage = new byte[64 * 1024];
        new Random(15).NextBytes(garbage);

        var run = await TraceRun.OfAsync(NmeaTraceReader.ReadAsync(new MemoryStream(garbage)));

        Assert.Empty(run.Accepted);
        Assert.True(run.Counts.Malformed > 0);
        Assert.Equal(run.Counts.Malformed, run.Counts.Skipped);
    }

    [Fact]
    public async Task AnEmptyFileGivesNothing()
    {
        var run = await TraceRun.OfAsync(NmeaTraceReader.ReadAsync(new MemoryStream()));

        Assert.Equal(FixCounts.None, run.Counts);
    }

    [Fact]
    public async Task AMegabyteWithoutALineEndIsOneMalformedLine()
    {
        var endless = new MemoryStream(new byte[1 << 20].Select(_ => (byte)'A').ToArray());

        var run = await TraceRun.OfAsync(NmeaTraceReader.ReadAsync(endless));

        Assert.Equal(new FixCounts(0, 0, 0, 0, 0, 1), run.Counts);
    }

    [Fact]
    public async Task ASentenceWithANonAsciiCharacterIsMalformed()
    {
        var sentence = NmeaText.Sentence("GPRMC,133000.00,A,4037.34298,N,07356.20039,W,20.0,140.6,051021,,,\u00C1");

        var run = await TraceRun.OfNmeaAsync(sentence);

        Assert.Equal(1, run.Counts.Malformed);
    }
}
