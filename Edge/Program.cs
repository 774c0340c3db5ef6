using System.CommandLine;
using VisionZero.Edge.Commands;
using VisionZero.Edge.Lifetime;

using var signals = new StopSignals();
// vz-edge handles SIGTERM and Ctrl-C itself (StopSignals): System.CommandLine's handler would give up on the
// command after 2 s, before the store and the link to the grid are closed.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
try
{
    var invocation = EdgeCommandLine.Create().Parse(args).InvokeAsync(configuration, signals.Token);
    if (await Task.WhenAny(invocation, signals.Stopped) != invocation
        && await Task.WhenAny(invocation, Task.Delay(StopSignals.Grace)) != invocation)
    {
        await Console.Error.WriteLineAsync($"vz-edge: not stopped within {StopSignals.Grace.TotalSeconds:0} s");
        return 1;
    }
    return await invocation;
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"vz-edge: {e.Message}");
    return 2;
}
