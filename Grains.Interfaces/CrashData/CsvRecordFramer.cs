namespace VisionZero.CrashData;

/// <summary>
/// Sits between the decoded text and Sep and hands Sep only whole, well-formed records: each physical
/// line is a record unless a quoted field carries it over the next lines (at most
/// <see cref="MaxContinuationLines"/>), and a record must have the header's number of columns. A line
/// that breaks either rule (a stray quote would otherwise swallow the rest of the file) is quarantined
/// on its own and reading resumes at the next line; a line over <see cref="MaxLineChars"/> refuses the file.
/// </summary>
internal sealed partial class CsvRecordFramer(TextReader source) : TextReader
{
    public const int MaxLineChars = 1 << 20;
    public const int MaxContinuationLines = 8;
    /// <summary>From this many damaged lines on, a file with more damaged lines than records is refused.</summary>
    public const int DamageJudgedFrom = 1_000;

    private readonly char[] _in = new char[1 << 16];
    private int _inPos, _inEnd;
    private bool _sourceDone, _skipLineFeed, _finished;
    private readonly RecordCandidate _candidate = new();
    private char[] _out = new char[1 << 16];
    private int _outPos, _outEnd;
    private long _lineNumber, _records, _damaged;

    /// <summary>The column count of the header, once it has been framed.</summary>
    public int HeaderColumns { get; private set; } = -1;

    /// <summary>The first physical line of each record handed on after the header, in order.</summary>
    public Queue<long> RecordLines { get; } = new();

    /// <summary>Lines quarantined here, in order, for the row source to interleave with the records.</summary>
    public Queue<RejectedRow> Damaged { get; } = new();

    public override int Read(Span<char> buffer)
    {
        while (_outPos == _outEnd && !_finished)
        {
            if (!Step())
                Fill(source.Read(_in.AsSpan(_inEnd)));
        }
        return Take(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        while (_outPos == _outEnd && !_finished)
        {
            if (!Step())
                Fill(await source.ReadAsync(_in.AsMemory(_inEnd), cancellationToken));
        }
        return Take(buffer.Span);
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => _outPos < _outEnd ? _out[_outPos] : -1;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            source.Dispose();
        base.Dispose(disposing);
    }

    private int Take(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, _outEnd - _outPos);
        _out.AsSpan(_outPos, n).CopyTo(buffer);
        _outPos += n;
        return n;
    }

    private void Fill(int read)
    {
        if (read == 0)
            _sourceDone = true;
        _inEnd += read;
    }

    /// <summary>Frames what the input buffer holds; false when it needs more input.</summary>
    private bool Step()
    {
        if (_outPos == _outEnd)
            _outPos = _outEnd = 0;
        while (_outEnd < 1 << 14)
        {
            if (TakeLine())
            {
                Settle(atEnd: false);
                continue;
            }
            if (!_sourceDone)
            {
                // Keep the unread tail, then ask for more.
                _in.AsSpan(_inPos, _inEnd - _inPos).CopyTo(_in);
                (_inEnd, _inPos) = (_inEnd - _inPos, 0);
                return _outEnd > 0;
            }
            if (_candidate.HasOpenLine)
            {
                _candidate.EndLine(++_lineNumber);
                Settle(atEnd: false);
            }
            Settle(atEnd: true);
            JudgeDamage(atEnd: true);
            _finished = true;
            return true;
        }
        return true;
    }

    /// <summary>Moves one physical line (without its ending) from the input into the candidate.</summary>
    private bool TakeLine()
    {
        if (_skipLineFeed && _inPos < _inEnd)
        {
            _skipLineFeed = false;
            if (_in[_inPos] == '\n')
                _inPos++;
        }
        var rest = _in.AsSpan(_inPos, _inEnd - _inPos);
        var end = rest.IndexOfAny('\n', '\r');
        var text = end < 0 ? rest : rest[..end];
        if (_candidate.OpenLineLength + text.Length > MaxLineChars)
            throw new CrashFileFormatException(
                $"line {_lineNumber + 1} is longer than {MaxLineChars / (1 << 20)} MiB: not a row of a crash export");
        _candidate.Append(text);
        if (end < 0)
        {
            _inPos = _inEnd;
            return false;
        }
        _skipLineFeed = rest[end] == '\r';
        _inPos += end + 1;
        _candidate.EndLine(++_lineNumber);
        return true;
    }
}
