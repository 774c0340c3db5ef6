using System.CommandLine;
using VisionZero.Client.Output;
using VisionZero.Uplink;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz edge devices [--json] and vz edge log DEVICE [--last N] [--json]: the edge devices that uploaded their
/// answered fixes, and one device's latest entries.
/// </summary>
public static class EdgeCommand
{
    public static Command Create() =>
        new("edge", "The edge devices and the answered fixes they uploaded") { Devices(), Log() };

    private static Command Devices()
    {
        var json = CommonOptions.Json();
        var command = new Command("devices",
            "Every device that uploaded: when last seen, entries stored and dropped, last position and model")
        {
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var devices = await connection.Client.GetGrain<IEdgeFleetGrain>(0).ListDevices();
            if (result.GetValue(json))
                JsonOutput.Write(devices.Select(EdgeUplinkJson.Device));
            else
                EdgeDeviceTable.Write(CliOutput.Stdout(), devices);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Log()
    {
        var device = new Argument<string>("DEVICE") { Description = "The device id (vz edge devices lists them)" };
        var last = new Option<int>("--last")
        {
            Description = "How many of its latest entries, 1 to 10000",
            DefaultValueFactory = _ => 20,
        };
        var json = CommonOptions.Json();
        var command = new Command("log", "One device's latest uploaded fixes and the answers it gave, oldest first")
        {
            device,
            last,
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetValue(device);
            if (EdgeDeviceIds.Problem(id) is { } problem)
                throw new UserInputException($"DEVICE: {problem}");
            var count = result.GetValue(last);
            if (count is < 1 or > 10_000)
                throw new UserInputException($"--last must be 1 to 10000, not {count}");
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var grain = connection.Client.GetGrain<IEdgeDeviceGrain>(id!);
            if (await grain.GetSummary() is not { } summary)
            {
                await Console.Error.WriteLineAsync(
                    $"No device {id} has uploaded; vz edge devices lists those that have.");
                return ExitCodes.NotFound;
            }
            var entries = await grain.GetLog(count);
            if (result.GetValue(json))
                JsonOutput.Write(entries.Select(EdgeUplinkJson.Entry));
            else
                EdgeLogTable.Write(CliOutput.Stdout(), summary, entries);
            return ExitCodes.Ok;
        });
        return command;
    }
}
