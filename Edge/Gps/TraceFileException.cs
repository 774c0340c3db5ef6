namespace VisionZero.Edge.Gps;

/// <summary>
/// The whole trace is refused, not one line of it: an unknown file type, a CSV without a needed column, a GPX
/// with a DOCTYPE. The message names the file and the problem.
/// </summary>
public sealed class TraceFileException(string message, Exception? innerException = null)
    : Exception(message, innerException);
