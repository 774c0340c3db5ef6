using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Takes a trace's parse results in order and lets through only fixes worth asking the model about: inside
/// New York City and reachable by a vehicle from the previous accepted fix. Counts every refusal by reason.
/// A fix without a course gets one from its movement (<see cref="CourseEstimator"/>). One reader feeds one
/// filter; it is not thread-safe.
/// </summary>
public sealed class FixFilter
{
    /// <summary>About 250 km/h: far above any car in the city, so a fast stretch plus GPS error stays under.</summary>
    public const double DefaultMaxSpeedMetersPerSecond = 70;

    private readonly double _maxSpeedMetersPerSecond;
    private readonly int[] _skipped = new int[Enum.GetValues<FixSkipReason>().Length];
    private readonly CourseEstimator _course = new();
    private GpsFix? _previous;
    private int _accepted;

    public FixFilter(double maxSpeedMetersPerSecond = DefaultMaxSpeedMetersPerSecond)
    {
        if (!double.IsFinite(maxSpeedMetersPerSecond) || maxSpeedMetersPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxSpeedMetersPerSecond), "must be a positive speed");
        _maxSpeedMetersPerSecond = maxSpeedMetersPerSecond;
    }

    public FixCounts Counts => new(
        _accepted,
        _skipped[(int)FixSkipReason.NoFix],
        _skipped[(int)FixSkipReason.BadChecksum],
        _skipped[(int)FixSkipReason.OutsideExtent],
        _skipped[(int)FixSkipReason.Jump],
        _skipped[(int)FixSkipReason.Malformed]);

    /// <summary>Accepts the result's fix, or counts why not. Never throws on any result.</summary>
    public bool TryAccept(FixParseResult result, [NotNullWhen(true)] out GpsFix? accepted)
    {
        accepted = null;
        if (result.Fix is not { } fix)
            return Skip(result.SkipReason ?? FixSkipReason.Malformed);
        if (!IsPosition(fix))
            return Skip(FixSkipReason.Malformed);
        if (!NycBounds.Contains(fix.Latitude, fix.Longitude))
            return Skip(FixSkipReason.OutsideExtent);
        if (_previous is { } previous && IsJump(previous, fix))
            return Skip(FixSkipReason.Jump);
        _previous = fix;
        _accepted++;
        accepted = _course.WithCourse(fix);
        return true;
    }

    /// <summary>The accepted fixes of a whole trace, in order.</summary>
    public async IAsyncEnumerable<GpsFix> AcceptAsync(
        IAsyncEnumerable<FixParseResult> results,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var result in results.WithCancellation(cancellationToken))
            if (TryAccept(result, out var fix))
                yield return fix;
    }

    /// <summary>
    /// Measured from the last accepted fix, so one outlier cannot drag the filter away; if that fix was itself
    /// the outlier, the real positions pass again once enough time has gone by to make the distance plausible.
    /// </summary>
    private bool IsJump(GpsFix previous, GpsFix fix)
    {
        var seconds = (fix.Time - previous.Time).TotalSeconds;
        if (seconds <= 0)
            return true;
        var meters = GeoMath.DistanceM(previous.Latitude, previous.Longitude, fix.Latitude, fix.Longitude);
        return meters / seconds > _maxSpeedMetersPerSecond;
    }

    private static bool IsPosition(GpsFix fix) =>
        fix.Latitude is >= -90 and <= 90 && fix.Longitude is >= -180 and <= 180;

    private bool Skip(FixSkipReason reason)
    {
        var index = Enum.IsDefined(reason) ? (int)reason : (int)FixSkipReason.Malformed;
        _skipped[index]++;
        return false;
    }
}
