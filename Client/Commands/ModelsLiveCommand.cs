using System.CommandLine;
using System.Globalization;
using VisionZero.Client.Output;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz models live [V] [--json] : a version's accuracy on the predictions it served whose 182 days have passed on the
/// data clock, beside its own backtest (default: the version in production).
/// </summary>
public static class ModelsLiveCommand
{
    public static Command Create()
    {
        var version = VersionFigures.Argument();
        var json = CommonOptions.Json();
        var command = new Command(
            "live", "Accuracy on matured served predictions (the feedback loop), beside the backtest")
        {
            version, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var (live, exit) = await VersionFigures.ReadAsync(
                connection, result.GetValue(version), (jobs, v) => jobs.GetLiveAccuracy(v));
            if (live is null)
                return exit;
            if (result.GetValue(json))
            {
                JsonOutput.Write(live);
                return ExitCodes.Ok;
            }
            Console.WriteLine($"Model version {live.Version}: {live.Matured} matured of {live.Logged} kept " +
                              $"predictions (data as of {live.DataAsOf?.ToString("yyyy-MM-dd") ?? "none"})");
            Console.WriteLine($"capture@5%   live {F(live.Capture5)}   backtest {F(live.BacktestCapture5)}");
            Console.WriteLine($"macro-F1     live {F(live.MacroF1)}   backtest {F(live.BacktestMacroF1)}");
            Console.WriteLine($"calibration  live {F(live.Calibration)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string F(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "  -  ";
}
