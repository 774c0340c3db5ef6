using System.CommandLine;
using System.Globalization;
using VisionZero.Client.Output;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz backtest --cutoff DAY : the model against every baseline, trained only on what was known by the cutoff.
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var cutoff = new Option<string>("--cutoff")
        {
            Description = "Evaluation day YYYY-MM-DD; its 182 days after must be in the data",
            Required = true,
        };
        var json = CommonOptions.Json();
        var command = new Command("backtest", "Rolling-origin backtest of the model and the baselines at a cutoff")
        {
            cutoff,
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var text = result.GetValue(cutoff)!;
            if (!DateOnly.TryParseExact(
                    text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new UserInputException($"--cutoff must be a date YYYY-MM-DD, not '{text}'");
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var report = await connection.Client.GetGrain<IGridJobsGrain>(0).Backtest(day);
            if (result.GetValue(json))
                JsonOutput.Write(report);
            else
                BacktestTable.Write(CliOutput.Stdout(), report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
