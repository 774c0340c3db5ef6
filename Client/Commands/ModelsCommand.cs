using VisionZero.Api;
using System.CommandLine;
using Spectre.Console;
using VisionZero.Client.Output;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz models [--json] and vz models show V : the registry; one version alone adds its backtests, what edge devices
/// measured with it (vz-edge eval) and its stage history.
/// </summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("models", "List the registered model versions")
        {
            json, Show(), ModelsLiveCommand.Create(), ModelsDriftCommand.Create(),
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var versions = await connection.Client.GetGrain<IModelRegistryGrain>(0).List();
            if (result.GetValue(json))
            {
                JsonOutput.Write(versions.Select(v => ModelVersionJson.From(v)));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns(
                "version", "stage", "created", "trained to", "capture@5%", "macro-F1", "calibration");
            foreach (var v in versions.Select(v => ModelVersionJson.From(v)))
                table.AddRow(v.Version.ToString(), v.Stage, v.CreatedAt.ToString("yyyy-MM-dd HH:mm"), v.TrainedTo,
                    v.Metrics?.Capture5.ToString("F3") ?? "-",
                    v.Metrics?.MacroF1.ToString("F3") ?? "-",
                    v.Metrics?.Calibration.ToString("F3") ?? "-");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var version = new Argument<int>("VERSION") { Description = "The version number" };
        var show = new Command(
            "show", "One version: parameters, thresholds, backtests, edge evaluations and stage history") { version };
        show.SetAction(async (result, cancellationToken) =>
        {
            var v = result.GetValue(version);
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var registry = connection.Client.GetGrain<IModelRegistryGrain>(0);
            var info = await registry.Get(v);
            if (info is null)
            {
                await Console.Error.WriteLineAsync($"No model version {v}.");
                return ExitCodes.NotFound;
            }
            var history = await registry.History(v);
            var edges = await registry.EdgeEvaluations(v);
            JsonOutput.Write(new
            {
                Model = ModelVersionJson.From(info, withBacktests: true, edges),
                History = history.Select(h => new
                {
                    h.Version,
                    From = h.From is { } f ? Stages.Name(f) : null,
                    To = Stages.Name(h.To),
                    h.By,
                    h.At,
                    h.Why,
                }),
            });
            return ExitCodes.Ok;
        });
        return show;
    }
}
