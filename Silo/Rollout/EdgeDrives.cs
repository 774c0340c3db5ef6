using System.Collections.Immutable;
using VisionZero.Uplink;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// The edge devices' recent drives, as the canary's simulated users replay them: the corner nearest each fix the
/// devices uploaded in the last <see cref="Recent"/>, in the order driven (a corner met on consecutive fixes counts
/// once). Empty when no device uploaded lately: the users then ask about the hotspot list instead.
/// </summary>
public sealed class EdgeDrives(IGrainFactory grains, TimeProvider time)
{
    /// <summary>The devices seen most lately, at most.</summary>
    public const int MaxDevices = 20;

    /// <summary>Each device's latest fixes, at most.</summary>
    public const int FixesPerDevice = 2_000;

    public static readonly TimeSpan Recent = TimeSpan.FromDays(7);

    /// <summary>A replayable drive: its corners in order, and how many devices and fixes gave them.</summary>
    public sealed record Route(ImmutableArray<string> Corners, int Devices, int Fixes);

    public async Task<Route> RouteAsync()
    {
        var since = time.GetUtcNow() - Recent;
        var devices = (await grains.GetGrain<IEdgeFleetGrain>(0).ListDevices())
            .Where(d => d.LastSeen >= since && d.Entries > 0)
            .OrderByDescending(d => d.LastSeen)
            .Take(MaxDevices);
        var corners = ImmutableArray.CreateBuilder<string>();
        var (used, fixes) = (0, 0);
        foreach (var device in devices)
        {
            var before = corners.Count;
            string? last = null;
            foreach (var entry in await grains.GetGrain<IEdgeDeviceGrain>(device.DeviceId).GetLog(FixesPerDevice))
            {
                if (entry.NearestCornerId is not { } id)
                    continue;
                fixes++;
                if (id != last)
                    corners.Add(id);
                last = id;
            }
            used += corners.Count > before ? 1 : 0;
        }
        return new Route(corners.ToImmutable(), used, fixes);
    }
}
