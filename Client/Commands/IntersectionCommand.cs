using System.CommandLine;
using VisionZero.Client.Output;
using VisionZero.Api;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Client.Commands;

/// <summary>vz intersection NAME-OR-ID : one corner's windows, named in any street order or abbreviation.</summary>
public static class IntersectionCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME-OR-ID")
        {
            Description = "\"FLATBUSH AVE & AVENUE U\" or an id such as avenue-u--flatbush-avenue",
        };
        var asOf = CommonOptions.AsOf();
        var json = CommonOptions.Json();
        var command = new Command("intersection", "Show one intersection's rolling windows") { name, asOf, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = ResolveId(result.GetValue(name)!);
            var day = CommonOptions.ParseAsOf(result.GetValue(asOf));
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var snapshot = await connection.Client.GetGrain<IGridQueryGrain>(0).Get(id, day);
            if (snapshot is null)
            {
                await Console.Error.WriteLineAsync($"No intersection '{result.GetValue(name)}' (id {id}) in the grid.");
                return ExitCodes.NotFound;
            }
            if (result.GetValue(json))
                JsonOutput.Write(IntersectionJson.From(snapshot));
            else
                IntersectionTable.Write(CliOutput.Stdout(), [snapshot]);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An id is lower-case with "--" between the streets; anything else is parsed as a name.</summary>
    public static string ResolveId(string text)
    {
        var trimmed = text.Trim();
        if (IntersectionKey.LooksLikeId(trimmed))
            return trimmed;
        return IntersectionKey.Parse(trimmed)?.Id
            ?? throw new UserInputException(
                $"'{text}' is not an intersection: write it as \"STREET A & STREET B\" or give its id");
    }
}
