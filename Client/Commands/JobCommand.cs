using VisionZero.Api;
using System.CommandLine;
using VisionZero.Client.Lifetime;
using VisionZero.Client.Output;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz train / vz tune / vz replay [--wait] : queue the job in the silo, or join the one of the kind already queued
/// or running (saying so); with --wait, follow it to its end.
/// </summary>
public static class JobCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static Command Create(string name, GridJobKind kind, string description)
    {
        var wait = new Option<bool>("--wait")
        {
            Description = "Return when the job has finished and print what it did " +
                          "(train, tune: the version it registered)",
        };
        var json = CommonOptions.Json();
        var command = new Command(name, description) { wait, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var jobs = connection.Client.GetGrain<IGridJobsGrain>(0);
            var start = await jobs.Start(kind, $"vz ({Environment.UserName})");
            return await FollowAsync(connection.Client, start, result.GetValue(wait), result.GetValue(json),
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Says the job queued (or joined); with <paramref name="wait"/>, follows it to its end and prints what it did:
    /// the version it registered, or its result.
    /// </summary>
    public static async Task<int> FollowAsync(
        IClusterClient client, GridJobStart start, bool wait, bool json, CancellationToken cancellationToken)
    {
        var jobs = client.GetGrain<IGridJobsGrain>(0);
        var id = start.JobId;
        if (!wait)
        {
            Print(json, new { Job = id, start.State, start.Joined, start.StartedBy },
                start.Joined ? Joined(start) + $": not queueing another (follow it: GET /api/jobs/{id})."
                    : $"Job {id} queued.");
            return ExitCodes.Ok;
        }
        // Joined: the same output follows as for a job vz queued; with --json the notice goes to stderr.
        if (start.Joined)
            (json ? Console.Error : Console.Out).WriteLine(Joined(start) + "; following it.");
        // Stopping vz stops the waiting, not the job.
        CommandStop.Current.LeavingBehind(_ => $"job {id} goes on in the silo (GET /api/jobs/{id})");
        GridJobStatus? status;
        while ((status = await jobs.GetStatus(id)) is null || !status.Finished)
            await Task.Delay(Poll, cancellationToken);
        if (status.State != "Succeeded")
            throw new UserInputException(
                $"job {id} {status.State.ToLowerInvariant()}: {status.Error ?? "no reason given"}",
                ExitCodes.JobFailed);
        var version = status.Version is { } v ? await client.GetGrain<IModelRegistryGrain>(0).Get(v) : null;
        if (version is null)
        {
            Print(json, new { Job = id, status.State, status.Result },
                status.Result is null ? $"Job {id} succeeded." : $"Job {id} succeeded: {status.Result}.");
            return ExitCodes.Ok;
        }
        Print(json, ModelVersionJson.From(version),
            $"Job {id} registered model version {version.Version} ({Stages.Name(version.Stage)}).");
        return ExitCodes.Ok;
    }

    /// <summary>"Training job 12 is already running (started by vz (ana))".</summary>
    private static string Joined(GridJobStart start) =>
        $"{Noun(start.Kind)} job {start.JobId} is already " +
        $"{(start.State == "Processing" ? "running" : start.State.ToLowerInvariant())} (started by {start.StartedBy})";

    private static string Noun(GridJobKind kind) => kind switch
    {
        GridJobKind.Train => "Training",
        GridJobKind.Tune => "Tuning",
        GridJobKind.Ingest => "Ingest",
        GridJobKind.Replay => "Replay",
        GridJobKind.Gate => "Gate",
        GridJobKind.Stage => "Staging",
        GridJobKind.Canary => "Canary",
        GridJobKind.Live => "Live accuracy check",
        GridJobKind.Drift => "Drift check",
        _ => kind.ToString(),
    };

    private static void Print(bool json, object value, string text)
    {
        if (json)
            JsonOutput.Write(value);
        else
            Console.WriteLine(text);
    }
}
