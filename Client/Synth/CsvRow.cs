using System.Buffers;
using System.Globalization;

namespace VisionZero.Client.Synth;

/// <summary>Writes comma-prefixed CSV fields, quoting only when a value needs it.</summary>
internal sealed class CsvRow(TextWriter output)
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    private readonly char[] _buffer = new char[64];

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(NeedsQuoting) < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void Field(string value)
    {
        output.Write(',');
        output.Write(Quote(value));
    }

    public void Number(long value)
    {
        value.TryFormat(_buffer, out var length, default, CultureInfo.InvariantCulture);
        output.Write(',');
        output.Write(_buffer, 0, length);
    }

    /// <summary>LATITUDE,LONGITUDE,"(lat, lon)" in one formatted write; three blanks when absent.</summary>
    public void Coordinates(double lat, double lon, bool present)
    {
        if (!present)
        {
            output.Write(",,,");
            return;
        }

        _buffer.AsSpan().TryWrite(
            CultureInfo.InvariantCulture, $",{lat:F6},{lon:F6},\"({lat:F6}, {lon:F6})\"", out var length);
        output.Write(_buffer, 0, length);
    }
}
