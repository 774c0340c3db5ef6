using nietras.SeparatedValues;

namespace VisionZero.CrashData;

internal sealed partial class CsvRecordFramer
{
    /// <summary>Hands on, drops or quarantines the candidate's lines until it needs more of them.</summary>
    private void Settle(bool atEnd)
    {
        while (_candidate.Count > 0)
        {
            if (_candidate.Line(0).IsWhiteSpace())
            {
                _candidate.RemoveFirst(1); // a blank line is not a row
                continue;
            }
            var (lines, columns) = _candidate.FirstClose();
            if (lines == 0)
            {
                if (!atEnd && _candidate.Count <= MaxContinuationLines)
                    return;
                Damage($"a quote opened on this line does not close within {MaxContinuationLines} more lines " +
                       "(a stray quote); reading resumes at the next line");
            }
            else if (HeaderColumns < 0)
            {
                Emit(lines);
                CheckHeader(columns);
            }
            else if (columns == HeaderColumns)
            {
                RecordLines.Enqueue(_candidate.NumberOf(0));
                _records++;
                Emit(lines);
            }
            else if (lines == 1)
            {
                Damage($"row has {columns} columns, the header has {HeaderColumns}");
            }
            else
            {
                Damage($"a quote on this line joins it to the next {lines - 1} line(s) into {columns} columns, " +
                       $"the header has {HeaderColumns} (a stray quote); reading resumes at the next line");
            }
        }
    }

    private void Emit(int lines)
    {
        var needed = 0;
        for (var i = 0; i < lines; i++)
            needed += _candidate.Line(i).Length + 1;
        if (_outEnd + needed > _out.Length)
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _outEnd + needed));
        for (var i = 0; i < lines; i++)
        {
            var line = _candidate.Line(i);
            line.CopyTo(_out.AsSpan(_outEnd));
            _outEnd += line.Length;
            _out[_outEnd++] = '\n'; // inside a quoted field the line break is the field's; "\n" either way
        }
        _candidate.RemoveFirst(lines);
    }

    private void Damage(string detail)
    {
        var raw = _candidate.Line(0);
        if (raw.Length > CrashRowParser.MaxRawRowLength)
            raw = raw[..CrashRowParser.MaxRawRowLength];
        if (HeaderColumns < 0)
            throw new CrashFileFormatException(
                $"not a crash export: line {_candidate.NumberOf(0)} should be the header, but {detail}");
        Damaged.Enqueue(new RejectedRow(_candidate.NumberOf(0), RejectReason.MalformedRow, detail, raw.ToString()));
        _damaged++;
        _candidate.RemoveFirst(1);
        JudgeDamage(atEnd: false);
    }

    /// <summary>
    /// Most of a file not framing as records means it is not (or no longer) the export it claims to be.
    /// </summary>
    private void JudgeDamage(bool atEnd)
    {
        if (_damaged > _records && (atEnd || _damaged >= DamageJudgedFrom))
            throw new CrashFileFormatException(
                $"not a crash export, or a damaged one: {_damaged:N0} of the {_damaged + _records:N0} lines read " +
                "are not rows of its header's shape (stray quotes or wrong column counts)");
    }

    /// <summary>Sep needs distinct column names; say which repeat rather than fail inside it.</summary>
    private void CheckHeader(int columns)
    {
        HeaderColumns = columns;
        using var header = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true })
            .FromText(new string(_out, 0, _outEnd));
        if (!header.MoveNext())
            return;
        var row = header.Current;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < row.ColCount; i++)
        {
            var name = row[i].ToString();
            if (seen.TryGetValue(name, out var first))
            {
                var shown = name.Length == 0
                    ? "with no name"
                    : $"named '{(name.Length > 60 ? name[..60] + "..." : name)}'";
                throw new CrashFileFormatException(
                    $"not a crash export: the header has two columns {shown} (columns {first + 1} and {i + 1})");
            }
            seen[name] = i;
        }
    }
}
