namespace VisionZero.CrashData;

/// <summary>The input is not a crash export at all (not a bad row: the whole file is refused).</summary>
public sealed class CrashFileFormatException(string message, IReadOnlyList<string>? missingColumns = null)
    : Exception(message)
{
    public IReadOnlyList<string> MissingColumns { get; } = missingColumns ?? [];

    /// <summary>
    /// Set when the fault came after batches had been sent: the run they went to, now abandoned with this
    /// message (its records are stored and reach their corners when the file comes again, or by replay).
    /// </summary>
    public Guid? AbandonedRun { get; init; }

    /// <summary>What to tell the sender about what was kept.</summary>
    public string Outcome => AbandonedRun is { } run
        ? $"the rows before it were stored, and ingest run {run} is abandoned: send the file again once it is sound"
        : "nothing of it was ingested";
}
