namespace VisionZero.CrashData;

/// <summary>
/// The physical lines that may make up the next CSV record, back to back in one buffer, and what their
/// quotes and commas say: whether a quoted field is still open, and how many columns they hold.
/// </summary>
internal sealed class RecordCandidate
{
    private readonly List<(int Start, int Length, long Number)> _lines = [];
    private char[] _text = new char[1 << 12];
    private int _end, _openStart;

    public int Count => _lines.Count;

    public bool HasOpenLine => _end > _openStart;

    public int OpenLineLength => _end - _openStart;

    public long NumberOf(int line) => _lines[line].Number;

    public ReadOnlySpan<char> Line(int line) => _text.AsSpan(_lines[line].Start, _lines[line].Length);

    public void Append(ReadOnlySpan<char> text)
    {
        if (_end + text.Length > _text.Length)
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _end + text.Length));
        text.CopyTo(_text.AsSpan(_end));
        _end += text.Length;
    }

    public void EndLine(long number)
    {
        _lines.Add((_openStart, _end - _openStart, number));
        _openStart = _end;
    }

    /// <summary>
    /// Forgets the first <paramref name="count"/> lines; the rest (and any open line) move to the front.
    /// </summary>
    public void RemoveFirst(int count)
    {
        if (count == _lines.Count && !HasOpenLine)
        {
            _lines.Clear();
            _end = _openStart = 0;
            return;
        }
        var from = count == _lines.Count ? _openStart : _lines[count].Start;
        _text.AsSpan(from, _end - from).CopyTo(_text);
        _lines.RemoveRange(0, count);
        for (var i = 0; i < _lines.Count; i++)
            _lines[i] = (_lines[i].Start - from, _lines[i].Length, _lines[i].Number);
        _end -= from;
        _openStart -= from;
    }

    /// <summary>
    /// Scans the lines in order as one record would be read (every quote toggles quoting, as Sep reads
    /// it; commas count outside quotes) and returns the first line count at which the quotes balance,
    /// with the columns up to there; 0 when they never balance over the lines held.
    /// </summary>
    public (int Lines, int Columns) FirstClose()
    {
        var inQuotes = false;
        var columns = 1;
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = Line(i);
            int at;
            while ((at = line.IndexOfAny('"', ',')) >= 0)
            {
                if (line[at] == '"')
                    inQuotes = !inQuotes;
                else if (!inQuotes)
                    columns++;
                line = line[(at + 1)..];
            }
            if (!inQuotes)
                return (i + 1, columns);
        }
        return (0, columns);
    }
}
