using System.CommandLine;
using VisionZero.Api;
using VisionZero.Client.Output;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz rollout status [V] : a version's rollout steps (the newest version's without V), each verdict with its
/// reasons, thresholds and figures. vz rollout gate|stage|canary V [--wait] : queue the version's offline gate, its
/// staging load test or its canary soak.
/// </summary>
public static class RolloutCommand
{
    public static Command Create() =>
        new("rollout", "A model version's way to production: its pipeline steps and their verdicts")
        {
            Status(),
            Start("gate", "Judge a version at the offline gate against production and the baselines (a background job)",
                (jobs, v, by) => jobs.StartGate(v, by)),
            Start("stage", "Load-test a version that passed the gate in staging, beside production (a background job)",
                (jobs, v, by) => jobs.StartStaging(v, by)),
            Start("canary", "Serve a version that passed staging as the canary for the soak; it ends in production " +
                "or rolled back (a background job)", (jobs, v, by) => jobs.StartCanary(v, by)),
        };

    private static Command Status()
    {
        var version = new Argument<int?>("VERSION")
        {
            Description = "The version (default: the newest)", Arity = ArgumentArity.ZeroOrOne,
        };
        var json = CommonOptions.Json();
        var command = new Command("status", "Each rollout step of a version: verdict, why, thresholds, figures")
        {
            version, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var registry = connection.Client.GetGrain<IModelRegistryGrain>(0);
            var info = result.GetValue(version) is { } v
                ? await registry.Get(v)
                : (await registry.List()).FirstOrDefault();
            if (info is null)
            {
                await Console.Error.WriteLineAsync(result.GetValue(version) is { } missing
                    ? $"No model version {missing}."
                    : "No model version is registered yet.");
                return ExitCodes.NotFound;
            }
            var rollout = RolloutJson.From(info, await registry.Rollout(info.Version));
            if (result.GetValue(json))
                JsonOutput.Write(rollout);
            else
                RolloutTable.Write(CliOutput.Stdout(), rollout);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Start(
        string name, string description, Func<IGridJobsGrain, int, string, Task<GridJobStart>> start)
    {
        var version = new Argument<int>("VERSION") { Description = "The version to judge" };
        var wait = new Option<bool>("--wait")
        {
            Description = "Return when the step has decided, printing its verdict",
        };
        var json = CommonOptions.Json();
        var command = new Command(name, description) { version, wait, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            GridJobStart started;
            try
            {
                started = await start(connection.Client.GetGrain<IGridJobsGrain>(0), result.GetValue(version),
                    $"vz ({Environment.UserName})");
            }
            catch (KeyNotFoundException e)
            {
                await Console.Error.WriteLineAsync($"vz: {e.Message}");
                return ExitCodes.NotFound;
            }
            return await JobCommand.FollowAsync(
                connection.Client, started, result.GetValue(wait), result.GetValue(json), cancellationToken);
        });
        return command;
    }
}
