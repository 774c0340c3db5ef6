using Microsoft.Data.Sqlite;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Gps;
using VisionZero.Edge.Store;
using VisionZero.Uplink;

namespace VisionZero.Edge.Uplink;

/// <summary>
/// Every fix the edge answers, with its answer, kept in the store for upload (retraining and evaluation): at
/// most <see cref="Capacity"/> entries, the oldest unsent dropped first, and counted, when it is full.
/// </summary>
public sealed class UplinkLog
{
    public const int DefaultCapacity = 100_000;
    private readonly EdgeStore _store;

    public UplinkLog(EdgeStore store, int capacity = DefaultCapacity)
    {
        if (capacity < 1)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the uplink log keeps 1 entry or more");
        _store = store;
        Capacity = capacity;
    }

    public int Capacity { get; }

    public UplinkState State => _store.UplinkState();

    /// <summary>Why the last fix could not be logged (a full or failing disk), or null; answers go on.</summary>
    public string? RecordError { get; private set; }

    public void Record(GpsFix fix, AreaRisk answer)
    {
        var nearest = answer.Corners.FirstOrDefault();
        var entry = new UplinkEntry(0, fix.Time, fix.Latitude, fix.Longitude, fix.SpeedMetersPerSecond,
            fix.CourseDegrees, answer.ModelVersion, answer.AsOf, answer.HighestClass, answer.ExpectedCrashes,
            nearest?.Id, answer.Stale, nearest?.Risk?.RiskScore, nearest?.Risk?.RiskClass);
        try
        {
            _store.AppendUplink(entry, Capacity);
            RecordError = null;
        }
        catch (SqliteException e)
        {
            RecordError = $"a fix at {fix.Time:O} was not logged: {e.Message}";
        }
    }

    /// <summary>The oldest entries waiting, at most <paramref name="size"/>, and what the log dropped.</summary>
    public UplinkBatch NextBatch(int size) => _store.ReadUplink(size);

    /// <summary>
    /// Deletes what the grid confirmed of a batch it answered. Never past the batch's own last entry: a confirmation
    /// beyond every number this device ever gave means another device uses its id, and then nothing is deleted.
    /// </summary>
    /// <returns>Null, or what is wrong with the receipt.</returns>
    public string? Confirm(UplinkBatch sent, UplinkReceipt receipt)
    {
        var state = State;
        if (receipt.Confirmed > state.LastSeq)
            return $"the grid holds this device's log through {receipt.Confirmed}, past the last number it gave " +
                $"({state.LastSeq}): another device may use its id; nothing was deleted";
        var through = Math.Min(receipt.Confirmed, sent.Entries.IsEmpty ? 0 : sent.Entries[^1].Seq);
        if (through > 0)
            _store.ConfirmUplink(through);
        return null;
    }
}
