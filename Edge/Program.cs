using System.CommandLine;
using VisionZero.Edge.Commands;

var root = new RootCommand("vz-edge: Vision Zero Grid on a device; answers from its own copy, offline");
foreach (var option in EdgeOptions.All)
    root.Options.Add(option);
RunCommand.Configure(root);
root.Subcommands.Add(SyncCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
try
{
    return await root.Parse(args).InvokeAsync();
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"vz-edge: {e.Message}");
    return 2;
}
