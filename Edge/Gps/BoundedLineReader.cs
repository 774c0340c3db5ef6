using System.Text;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Reads lines (ended by CR, LF or both) from a text source as they arrive, holding at most
/// <c>maxLength</c> characters of one: a serial port or a pipe that never sends a line end, or sends noise,
/// cannot grow memory. Empty lines are passed over.
/// </summary>
internal sealed class BoundedLineReader(TextReader source, int maxLength)
{
    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _tooLong;

    /// <summary>The next line; null at the end of the source. An over-long line comes back as too long, once.</summary>
    public async ValueTask<BoundedLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_position == _length)
            {
                _length = await source.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0)
                    return TakeLine();
            }
            var c = _buffer[_position++];
            if (c is '\r' or '\n')
            {
                if (TakeLine() is { } line)
                    return line;
            }
            else if (_line.Length < maxLength)
                _line.Append(c);
            else
                _tooLong = true;
        }
    }

    private BoundedLine? TakeLine()
    {
        if (_line.Length == 0 && !_tooLong)
            return null;
        var line = _tooLong ? BoundedLine.TooLong : new BoundedLine(_line.ToString(), false);
        _line.Clear();
        _tooLong = false;
        return line;
    }
}
