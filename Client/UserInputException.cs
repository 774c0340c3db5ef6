namespace VisionZero.Client;

/// <summary>Something the user can fix: printed as one line, no stack trace, with a distinct exit code.</summary>
public sealed class UserInputException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
