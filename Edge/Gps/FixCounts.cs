namespace VisionZero.Edge.Gps;

/// <summary>A snapshot of what a <see cref="FixFilter"/> has seen: fixes accepted, inputs skipped by reason.</summary>
public sealed record FixCounts(int Accepted, int NoFix, int BadChecksum, int OutsideExtent, int Jump, int Malformed)
{
    public static FixCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Skipped => NoFix + BadChecksum + OutsideExtent + Jump + Malformed;

    public int SkippedFor(FixSkipReason reason) => reason switch
    {
        FixSkipReason.NoFix => NoFix,
        FixSkipReason.BadChecksum => BadChecksum,
        FixSkipReason.OutsideExtent => OutsideExtent,
        FixSkipReason.Jump => Jump,
        FixSkipReason.Malformed => Malformed,
        _ => 0,
    };

    public override string ToString() =>
        $"{Accepted} accepted; skipped: {NoFix} no fix, {BadChecksum} bad checksum, {OutsideExtent} outside NYC, " +
        $"{Jump} jump, {Malformed} malformed";
}
