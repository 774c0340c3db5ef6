using System.CommandLine;
using VisionZero.Client;
using VisionZero.Client.Commands;
using VisionZero.Client.Lifetime;
using VisionZero.Jobs;
using VisionZero.Models;

var root = new RootCommand("vz: the Vision Zero Grid operators' command line")
{
    CommonOptions.Gateway,
    CommonOptions.Postgres,
    IngestCommand.Create(),
    IntersectionCommand.Create(),
    NearCommand.Create(),
    TopCommand.Create(),
    SynthCommand.Create(),
    BacktestCommand.Create(),
    ModelsCommand.Create(),
    JobCommand.Create("train", GridJobKind.Train, "Train a new model version in the silo (a background job)"),
    JobCommand.Create("tune", GridJobKind.Tune,
        "Search the model's parameters and register the best as a candidate (a background job)"),
    JobCommand.Create("replay", GridJobKind.Replay,
        "Apply the stored records of abandoned ingests to their corners, without the files (a background job)"),
    PromoteCommand.Create(),
    PromoteCommand.Rollback(),
    RolloutCommand.Create(),
    EdgeCommand.Create(),
};

var stop = CommandStop.Current;
using var signals = new StopSignals(stop);
// vz handles Ctrl-C and SIGTERM itself (StopSignals), so it can say what the command left behind.
var configuration = new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false,
    ProcessTerminationTimeout = null,
};
var parsed = root.Parse(args);
// A command line that does not parse is bad input (exit 2), as any value vz itself refuses.
if (parsed.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
{
    foreach (var error in parsed.Errors)
        await Console.Error.WriteLineAsync($"vz: {error.Message}");
    var path = new List<string>();
    for (var at = parsed.CommandResult; at is not null; at = at.Parent as System.CommandLine.Parsing.CommandResult)
        path.Insert(0, at.Command == root ? "vz" : at.Command.Name);
    await Console.Error.WriteLineAsync($"Try: {string.Join(' ', path)} --help");
    return ExitCodes.BadInput;
}
var invocation = parsed.InvokeAsync(configuration, stop.Token);
if (await Task.WhenAny(invocation, stop.Stopped) != invocation)
    await Task.WhenAny(invocation, Task.Delay(stop.Grace));

if (stop.IsStopped && !invocation.IsCompletedSuccessfully)
{
    await Console.Error.WriteLineAsync($"vz: {stop.Message}");
    // A call to a silo that is gone may never return: do not wait for it.
    if (!invocation.IsCompleted)
        Environment.Exit(stop.ExitCode);
    return stop.ExitCode;
}

try
{
    return await invocation;
}
catch (Exception e) when (CommandFailure.LostCluster(e) is { } why)
{
    stop.LoseCluster(why);
    await Console.Error.WriteLineAsync($"vz: {stop.Message}");
    return stop.ExitCode;
}
catch (Exception e) when (CommandFailure.Explain(e) is { } failure)
{
    await Console.Error.WriteLineAsync($"vz: {failure.Message}");
    return failure.ExitCode;
}
