using Microsoft.Extensions.Hosting;

namespace VisionZero.Edge.Lifetime;

/// <summary>
/// The Orleans client's host without the console lifetime, which would take SIGTERM and Ctrl-C for a host
/// nobody waits on and leave the edge running; <see cref="StopSignals"/> handles them instead.
/// </summary>
internal sealed class ClientHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
