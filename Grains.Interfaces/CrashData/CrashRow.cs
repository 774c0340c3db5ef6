namespace VisionZero.CrashData;

/// <summary>One row read from an export: either an accepted record or a rejected row, never both.</summary>
public readonly record struct CrashRow(CrashRecord? Record, RejectedRow? Rejected)
{
    public static CrashRow Accept(CrashRecord record) => new(record, null);

    public static CrashRow Reject(RejectedRow rejected) => new(null, rejected);
}
