using System.CommandLine;
using VisionZero.Client;
using VisionZero.Client.Commands;

var root = new RootCommand("vz: the Vision Zero Grid operators' command line")
{
    CommonOptions.Gateway,
    CommonOptions.Postgres,
    IngestCommand.Create(),
    IntersectionCommand.Create(),
    NearCommand.Create(),
    TopCommand.Create(),
    SynthCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserInputException e)
{
    await Console.Error.WriteLineAsync($"vz: {e.Message}");
    return e.ExitCode;
}
