using System.CommandLine;
using VisionZero.Edge.Commands;
using VisionZero.Edge.Lifetime;

var root = new RootCommand("vz-edge: Vision Zero Grid on a device; answers from its own copy, offline");
foreach (var option in EdgeOptions.All)
    root.Options.Add(option);
RunCommand.Configure(root);
root.Subcommands.Add(SyncCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
using var signals = new StopSignals();
// vz-edge handles SIGTERM and Ctrl-C itself (StopSignals): System.CommandLine's handler would give up on the
// command after 2 s, before the store and the link to the grid are closed.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
try
{
    var invocation = root.Parse(args).InvokeAsync(configuration, signals.Token);
    if (await Task.WhenAny(invocation, signals.Stopped) != invocation
        && await Task.WhenAny(invocation, Task.Delay(StopSignals.Grace)) != invocation)
    {
        await Console.Error.WriteLineAsync($"vz-edge: not stopped within {StopSignals.Grace.TotalSeconds:0} s; exiting");
        return 1;
    }
    return await invocation;
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"vz-edge: {e.Message}");
    return 2;
}
