using System.Runtime.CompilerServices;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Plays recorded fixes back with the spacing they were recorded at: at real speed (factor 1), N times faster
/// (factor N), or as fast as they can be read (factor 0). Between two fixes it waits their time difference
/// divided by the factor, less the time the consumer already spent since the previous fix.
/// </summary>
public sealed class TraceReplay
{
    private readonly TimeProvider _clock;

    public TraceReplay(double speedFactor, TimeProvider? clock = null)
    {
        if (!double.IsFinite(speedFactor) || speedFactor < 0)
            throw new ArgumentOutOfRangeException(nameof(speedFactor), "must be 0 (no waiting) or a positive factor");
        SpeedFactor = speedFactor;
        _clock = clock ?? TimeProvider.System;
    }

    public double SpeedFactor { get; }

    public async IAsyncEnumerable<GpsFix> ReplayAsync(
        IAsyncEnumerable<GpsFix> fixes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        GpsFix? previous = null;
        var releasedAt = 0L;
        await foreach (var fix in fixes.WithCancellation(cancellationToken))
        {
            if (SpeedFactor > 0 && previous is not null)
            {
                var wait = (fix.Time - previous.Time) / SpeedFactor - _clock.GetElapsedTime(releasedAt);
                // Continue on the timer's thread: nothing here needs the caller's context, and a test clock
                // advanced off any context then finishes the step within its own Advance call.
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
            }
            previous = fix;
            releasedAt = _clock.GetTimestamp();
            yield return fix;
        }
    }
}
