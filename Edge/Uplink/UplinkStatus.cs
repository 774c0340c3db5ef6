namespace VisionZero.Edge.Uplink;

/// <summary>What GET /status says of the uplink: the log's size and bound, what it dropped, the last upload.</summary>
public sealed record UplinkStatus(
    long Pending,
    int Capacity,
    long Dropped,
    long LastSequence,
    long ConfirmedSequence,
    DateTimeOffset? LastUpload,
    string? LastError)
{
    /// <summary>The log's state, and the last upload when the edge is not offline.</summary>
    public static UplinkStatus Of(UplinkLog log, UplinkSync? sync)
    {
        var state = log.State;
        return new UplinkStatus(state.Pending, log.Capacity, state.Dropped, state.LastSeq, state.Confirmed,
            sync?.LastUpload, sync?.LastError ?? log.RecordError);
    }
}
