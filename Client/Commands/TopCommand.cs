using System.CommandLine;
using VisionZero.Client.Output;
using VisionZero.Api;
using VisionZero.Grid;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz top : the most dangerous intersections, by risk score (by 1-year crashes until a model exists).
/// </summary>
public static class TopCommand
{
    public static Command Create()
    {
        var k = new Option<int>("--k")
        {
            Description = "How many (1 up to the whole grid)",
            DefaultValueFactory = _ => 20,
        };
        var asOf = CommonOptions.AsOf();
        var json = CommonOptions.Json();
        var command = new Command("top", "The top intersections by risk score (1-year crashes until a model exists)")
        {
            k,
            asOf,
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(k);
            if (count < 1)
                throw new UserInputException($"--k must be at least 1, not {count}");
            var day = CommonOptions.ParseAsOf(result.GetValue(asOf));
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var top = await connection.Client.GetGrain<IGridQueryGrain>(0).Top(count, day);
            if (result.GetValue(json))
                JsonOutput.Write(top.Select(s => IntersectionJson.From(s)));
            else
                IntersectionTable.Write(CliOutput.Stdout(), top);
            return ExitCodes.Ok;
        });
        return command;
    }
}
