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
        var version = new Argument<int?>("VERSION")
        {
            Description = "The version (default: the one in production)", Arity = ArgumentArity.ZeroOrOne,
        };
        var json = CommonOptions.Json();
        var command = new Command("drift", "PSI of each feature and of the predictions against the training window")
        {
            version, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var v = result.GetValue(version)
                ?? (await connection.Client.GetGrain<IModelRegistryGrain>(0).GetProduction())?.Version;
            if (v is null)
            {
                await Console.Error.WriteLineAsync("No version is in production: name one.");
                return ExitCodes.NotFound;
            }
            ModelDrift drift;
            try
            {
                drift = await connection.Client.GetGrain<IGridJobsGrain>(0).GetDrift(v.Value);
            }
            catch (KeyNotFoundException)
            {
                await Console.Error.WriteLineAsync($"No model version {v}.");
                return ExitCodes.NotFound;
            }
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
