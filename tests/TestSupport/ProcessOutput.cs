using System.Diagnostics;

namespace VisionZero.TestSupport;

/// <summary>
/// Reads a started process's redirected stdout and stderr as they come, keeping the last lines for a failure
/// message: a child whose pipes nobody reads stops at its next write once a pipe's buffer is full.
/// </summary>
public sealed class ProcessOutput
{
    private const int Kept = 200;
    private readonly Queue<string> _lines = new();

    private ProcessOutput()
    {
    }

    /// <summary>Starts reading both redirected streams of a process already started.</summary>
    public static ProcessOutput Follow(Process process)
    {
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>The last lines read, oldest first.</summary>
    public string Tail
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Kept)
                _lines.Dequeue();
        }
    }
}
