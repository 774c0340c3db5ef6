using System.CommandLine;
using VisionZero.Client;
using VisionZero.Client.Commands;
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
    JobCommand.Create("train", ModelJobKind.Train, "Train a new model version in the silo (a background job)"),
    JobCommand.Create("tune", ModelJobKind.Tune, "Search the model's parameters and register the best as a candidate (a background job)"),
    JobCommand.Create("replay", ModelJobKind.Replay,
        "Apply the stored records of abandoned ingests to their corners, without the files (a background job)"),
    PromoteCommand.Create(),
    PromoteCommand.Rollback(),
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
catch (KeyNotFoundException e)
{
    // The cluster's answer to a version or id that does not exist.
    await Console.Error.WriteLineAsync($"vz: {e.Message}");
    return ExitCodes.NotFound;
}
catch (VisionZero.Grid.StorageFailedException e)
{
    // The cluster answered, but its PostgreSQL did not: an operator's problem, not the input's.
    await Console.Error.WriteLineAsync($"vz: {e.Message}");
    return ExitCodes.StorageFailed;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException)
{
    // The cluster refused the request and said why (e.g. a cutoff with no data after it).
    await Console.Error.WriteLineAsync($"vz: {e.Message}");
    return ExitCodes.BadInput;
}
