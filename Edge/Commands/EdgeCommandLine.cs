using System.CommandLine;

namespace VisionZero.Edge.Commands;

/// <summary>vz-edge's whole command line: the shared options, run (the root), sync and eval.</summary>
public static class EdgeCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("vz-edge: Vision Zero Grid on a device; answers from its own copy, offline");
        foreach (var option in EdgeOptions.All)
            root.Options.Add(option);
        RunCommand.Configure(root);
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        return root;
    }
}
