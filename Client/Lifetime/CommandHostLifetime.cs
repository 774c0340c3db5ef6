using Microsoft.Extensions.Hosting;

namespace VisionZero.Client.Lifetime;

/// <summary>
/// The Orleans client's host without the console lifetime: that one swallows Ctrl-C and SIGTERM to stop
/// a host nobody waits on, so vz would ignore them. <see cref="StopSignals"/> handles them instead.
/// </summary>
internal sealed class CommandHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
