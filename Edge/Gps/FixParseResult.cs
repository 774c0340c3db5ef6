namespace VisionZero.Edge.Gps;

/// <summary>What a trace reader made of one sentence, point or row: a fix, or the reason there is none.</summary>
public readonly record struct FixParseResult
{
    private FixParseResult(GpsFix? fix, FixSkipReason? skipReason)
    {
        Fix = fix;
        SkipReason = skipReason;
    }

    /// <summary>Set when the input parsed to a position; <see cref="FixFilter"/> may still refuse it.</summary>
    public GpsFix? Fix { get; }

    /// <summary>Set when the input gave no position.</summary>
    public FixSkipReason? SkipReason { get; }

    public static FixParseResult Parsed(GpsFix fix) => new(fix, null);

    public static FixParseResult Skipped(FixSkipReason reason) => new(null, reason);

    public override string ToString() => Fix is { } fix ? fix.ToString() : $"skipped: {SkipReason}";
}
