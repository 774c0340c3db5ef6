namespace VisionZero.Edge.Uplink;

/// <summary>
/// Where the device's log stands: entries waiting (Pending), the last number given (LastSeq; numbers are never
/// reused), the highest the grid confirmed, and what was dropped unsent because the log was full: how many, and
/// the highest number among them (DroppedThrough, told to the grid with every batch).
/// </summary>
public sealed record UplinkState(long Pending, long LastSeq, long Confirmed, long Dropped, long DroppedThrough);
