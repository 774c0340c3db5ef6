using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// Hangfire's loggers from the host's logger factory. Hangfire keeps its log provider in a static: in a process
/// that runs several silo hosts one after another (the tests), it can outlive the host whose factory it holds,
/// and Hangfire would then fail to queue a job because a logger could not be made. Such a logger is silent.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly Hangfire.AspNetCore.AspNetCoreLogProvider _host = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _host.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) =>
            false;
    }
}
