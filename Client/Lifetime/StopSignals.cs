using System.Runtime.InteropServices;

namespace VisionZero.Client.Lifetime;

/// <summary>
/// Ctrl-C and SIGTERM stop the command through <see cref="CommandStop"/>; a second signal while it
/// unwinds ends vz at once, as the runtime would have.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CommandStop _stop;
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals(CommandStop stop)
    {
        _stop = stop;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT,
                c => Handle(c, "Ctrl-C (SIGINT)", ExitCodes.Interrupted)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, "SIGTERM", ExitCodes.Terminated)),
        ];
    }

    private void Handle(PosixSignalContext context, string signal, int exitCode)
    {
        context.Cancel = !_stop.IsStopped;
        _stop.Interrupt(signal, exitCode);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
