using System.Runtime.InteropServices;

namespace VisionZero.Edge.Lifetime;

/// <summary>
/// SIGTERM (systemd's stop) and Ctrl-C cancel <see cref="Token"/>: the edge closes its store, its endpoint and
/// its link to the grid, and exits 0. A second signal while it unwinds ends it at once, as the runtime would.
/// </summary>
public sealed class StopSignals : IDisposable
{
    /// <summary>How long an unwinding edge may take before it exits anyway (a silo gone mid-call).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>Completes when the first signal arrives.</summary>
    public Task Stopped => _stopped.Task;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = !_stop.IsCancellationRequested;
        _stopped.TrySetResult();
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
    }
}
