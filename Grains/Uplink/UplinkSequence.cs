using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// The rule both stores apply, under their lock, to a batch against what they hold for its device. The log is
/// complete through <c>max(confirmed, droppedThrough)</c>; a batch must start at or before the number after
/// that (starting before it is a retry: those entries are stored already), or it is a gap and refused whole.
/// </summary>
public static class UplinkSequence
{
    /// <param name="Confirmed">The new highest number with nothing missing below it.</param>
    /// <param name="Dropped">Numbers the device newly says it dropped unsent.</param>
    /// <param name="FreshFrom">Index of the first entry not stored before.</param>
    public readonly record struct Step(long Confirmed, long Dropped, int FreshFrom);

    /// <exception cref="ArgumentException">The batch is malformed or leaves a gap; the message says which.</exception>
    public static Step Apply(string deviceId, long confirmed, UplinkBatch batch)
    {
        if (UplinkBatchCheck.Problem(batch) is { } problem)
            throw Refused(deviceId, problem);
        var entries = batch.Entries;
        var complete = Math.Max(confirmed, batch.DroppedThrough);
        if (entries.Length > 0 && entries[0].Seq > complete + 1)
        {
            var dropped = batch.DroppedThrough > confirmed
                ? $" and the device dropped through {batch.DroppedThrough}"
                : "";
            throw Refused(deviceId, $"sequence gap: the batch starts at {entries[0].Seq}, but the grid holds " +
                $"this device's log complete only through {confirmed}{dropped}; send from {complete + 1}");
        }
        var last = entries.Length > 0 ? entries[^1].Seq : 0;
        var freshFrom = entries.Length == 0 ? 0 : (int)Math.Clamp(confirmed + 1 - entries[0].Seq, 0, entries.Length);
        return new Step(Math.Max(complete, last), Math.Max(0, batch.DroppedThrough - confirmed), freshFrom);
    }

    private static ArgumentException Refused(string deviceId, string problem) =>
        new($"device {deviceId}: batch refused: {problem}");
}
