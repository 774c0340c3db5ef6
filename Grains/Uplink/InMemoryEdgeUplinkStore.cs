using System.Collections.Immutable;
using VisionZero.Uplink;

namespace VisionZero.Grains.Uplink;

/// <summary>
/// The embedded default's uplink store: the same contract as PostgreSQL, kept in this process (and gone with it).
/// Entries are stored in sequence order, since a batch may only extend what is stored.
/// </summary>
public sealed class InMemoryEdgeUplinkStore(TimeProvider? timeProvider = null) : IEdgeUplinkStore
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<string, DeviceLog> _devices = new(StringComparer.Ordinal);

    public Task<UplinkReceipt> AppendAsync(
        string deviceId, UplinkBatch batch, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var log = _devices.GetValueOrDefault(deviceId);
            var step = UplinkSequence.Apply(deviceId, log?.Summary.Confirmed ?? 0, batch);
            var now = Now();
            if (log is null)
                _devices[deviceId] = log = new DeviceLog(new EdgeDeviceSummary(deviceId, now, now, 0, 0, 0,
                    null, null, null, null));
            // As PostgreSQL gives them back: in UTC, to the microsecond.
            var fresh = batch.Entries[step.FreshFrom..]
                .Select(e => e with { Time = Microseconds(e.Time.ToUniversalTime()) }).ToImmutableArray();
            log.Entries.AddRange(fresh);
            var summary = log.Summary with
            {
                LastSeen = now,
                Entries = log.Summary.Entries + fresh.Length,
                Confirmed = step.Confirmed,
                Dropped = log.Summary.Dropped + step.Dropped,
            };
            if (fresh.Length > 0)
            {
                var latest = fresh[^1];
                summary = summary with
                {
                    LastFixTime = latest.Time,
                    LastLatitude = latest.Latitude,
                    LastLongitude = latest.Longitude,
                    LastModelVersion = latest.ModelVersion ?? summary.LastModelVersion,
                };
            }
            log.Summary = summary;
            return Task.FromResult(
                new UplinkReceipt(step.Confirmed, fresh.Length, batch.Entries.Length - fresh.Length));
        }
    }

    public Task<EdgeDeviceSummary?> GetDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_devices.GetValueOrDefault(deviceId)?.Summary);
    }

    public Task<ImmutableArray<EdgeDeviceSummary>> ListDevicesAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_devices.Values.Select(d => d.Summary)
                .OrderByDescending(s => s.LastSeen).ThenBy(s => s.DeviceId, StringComparer.Ordinal)
                .ToImmutableArray());
    }

    public Task<ImmutableArray<UplinkEntry>> LastEntriesAsync(
        string deviceId, int count, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_devices.TryGetValue(deviceId, out var log))
                return Task.FromResult(ImmutableArray<UplinkEntry>.Empty);
            var skip = Math.Max(0, log.Entries.Count - count);
            return Task.FromResult(log.Entries.Skip(skip).ToImmutableArray());
        }
    }

    // PostgreSQL keeps microseconds; so does this, so both stores hand back the same kind of instant.
    private DateTimeOffset Now() => Microseconds(_time.GetUtcNow());

    private static DateTimeOffset Microseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    private sealed class DeviceLog(EdgeDeviceSummary summary)
    {
        public EdgeDeviceSummary Summary { get; set; } = summary;

        public List<UplinkEntry> Entries { get; } = [];
    }
}
