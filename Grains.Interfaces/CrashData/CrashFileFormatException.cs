namespace VisionZero.CrashData;

/// <summary>The input is not a crash export at all (not a bad row: the whole file is refused).</summary>
public sealed class CrashFileFormatException(string message, IReadOnlyList<string>? missingColumns = null)
    : Exception(message)
{
    public IReadOnlyList<string> MissingColumns { get; } = missingColumns ?? [];
}
