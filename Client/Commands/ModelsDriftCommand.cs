using System.CommandLine;
using System.Globalization;
using VisionZero.Client.Output;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz models drift [V] [--json] : a version's drift on the data clock's day, each feature's and the predictions'
/// PSI against its training window (default: the version in production).
/// </summary>
public static class ModelsDriftCommand
{
    public static Command Create()
    {
        var version = VersionFigures.Argument();
        var json = CommonOptions.Json();
        var command = new Command("drift", "PSI of each feature and of the predictions against the training window")
        {
            version, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var (drift, exit) = await VersionFigures.ReadAsync(
                connection, result.GetValue(version), (jobs, v) => jobs.GetDrift(v));
            if (drift is null)
                return exit;
            if (result.GetValue(json))
                JsonOutput.Write(drift);
            else
                Print(drift);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(ModelDrift drift)
    {
        Console.WriteLine($"Model version {drift.Version}: {drift.Rows} active corners on " +
                          $"{drift.DataAsOf?.ToString("yyyy-MM-dd") ?? "no day"} against its training window " +
                          $"{drift.TrainedFrom?.ToString("yyyy-MM-dd") ?? "?"} to " +
                          $"{drift.TrainedTo?.ToString("yyyy-MM-dd") ?? "?"}");
        var rows = drift.Features.Select(f => (f.Name, Psi: (double?)f.Psi))
            .Append(("prediction", drift.PredictionPsi));
        foreach (var (name, psi) in rows.Where(r => r.Item2 is not null))
            Console.WriteLine($"  {name,-22} {F(psi!.Value)}{(psi > drift.Threshold ? "  past the threshold" : "")}");
        Console.WriteLine($"{(drift.Drifted ? "DRIFTED" : "ok")}: {drift.Why}");
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
