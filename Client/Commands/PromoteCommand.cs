using System.CommandLine;
using VisionZero.Client.Output;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// vz promote V --to STAGE [--force] and vz rollback : stage changes, recorded with who and why.
/// </summary>
public static class PromoteCommand
{
    public static Command Create()
    {
        var version = new Argument<int>("VERSION") { Description = "The version to move" };
        var to = new Option<string>("--to")
        {
            Description = "candidate, staging, canary, production or archived",
            Required = true,
        };
        var why = Why();
        var force = new Option<bool>("--force")
        {
            Description = "Promote past the rollout's gates (production without a passed offline gate); " +
                          "recorded as forced, with --why",
        };
        var command = new Command("promote", "Move a model version to a stage (production is served within seconds)")
        {
            version,
            to,
            why,
            force,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var stage = Stages.Parse(result.GetValue(to)!);
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var registry = connection.Client.GetGrain<IModelRegistryGrain>(0);
            var (v, reason) = (result.GetValue(version), result.GetValue(why) ?? "");
            var info = result.GetValue(force)
                ? await registry.ForcePromote(v, stage, By(), reason)
                : await registry.Promote(v, stage, By(), reason);
            Console.WriteLine($"Model version {info.Version} is now {Stages.Name(info.Stage)}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Rollback()
    {
        var why = Why();
        var command = new Command("rollback", "Production returns to the previous production version") { why };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var info = await connection.Client.GetGrain<IModelRegistryGrain>(0)
                .Rollback(By(), result.GetValue(why) ?? "");
            Console.WriteLine($"Model version {info.Version} is production again.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> Why() => new("--why") { Description = "The reason, kept in the registry's history" };

    private static string By() => $"vz ({Environment.UserName})";
}
