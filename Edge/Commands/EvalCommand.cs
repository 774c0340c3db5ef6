using System.CommandLine;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Evaluation;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;
using VisionZero.Models;

namespace VisionZero.Edge.Commands;

/// <summary>
/// vz-edge eval [--cutoff YYYY-MM-DD] [--json]: the offline evaluation, on the copy alone; the report is kept on
/// disk and, unless --offline, uploaded to the model registry when a cluster answers within
/// <see cref="UploadWait"/> (else by the next sync of vz-edge run).
/// </summary>
public static class EvalCommand
{
    public static readonly TimeSpan UploadWait = TimeSpan.FromSeconds(10);

    private static readonly Option<string?> Cutoff = new("--cutoff")
    {
        Description = "Day the forecasts are made as of, YYYY-MM-DD (default: the edge's as-of day minus 182 " +
            "days, the latest whose next 182 days the copy knows)",
    };

    private static readonly Option<bool> Json = new("--json") { Description = "Print the report as one JSON object" };

    public static Command Create()
    {
        var command = new Command("eval",
            "Offline evaluation: the served version as of a past day against what happened next (per-class " +
            "precision, recall, F1, macro-F1, capture@5%), lookup latency, memory and model load time")
        {
            Cutoff,
            Json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        try
        {
            var cutoff = EvaluationCutoff.Parse(result.GetValue(Cutoff));
            var settings = EdgeOptions.Settings(result);
            using var grid = new EdgeGrid(EdgeStore.Open(settings.StorePath));
            var evaluation = OfflineEvaluator.Evaluate(grid, settings.DeviceId ?? grid.DeviceId(), cutoff);
            grid.KeepEvaluation(evaluation);
            await output.WriteLineAsync(result.GetValue(Json)
                ? EdgeJson.Serialize(evaluation)
                : EvaluationText.Format(evaluation, grid.Model?.Info.Details.TrainedTo).TrimEnd('\n'));
            if (settings.Offline)
                await error.WriteLineAsync("vz-edge eval: offline; the report is kept and uploaded by the next sync");
            else
                await error.WriteLineAsync(await UploadAsync(result, settings, grid, evaluation, cancellationToken));
            return 0;
        }
        catch (EvaluationRefusedException e)
        {
            await error.WriteLineAsync($"vz-edge eval: {e.Message}");
            return e.ExitCode;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"vz-edge eval: {e.Message}");
            return EvaluationRefusedException.BadInput;
        }
    }

    /// <summary>Sends every pending report; says what became of this one.</summary>
    private static async Task<string> UploadAsync(ParseResult result, EdgeSettings settings, EdgeGrid grid,
        EdgeEvaluation evaluation, CancellationToken cancellationToken)
    {
        using var logging = EdgeOptions.Logging(result);
        await using var link = ClusterLink.Create(settings.Gateway, settings.Postgres, logging, settings.ClusterId);
        link.Start();
        try
        {
            var client = await link.Connected.WaitAsync(UploadWait, cancellationToken);
            var upload = await new EvaluationUpload(client, grid).RunAsync();
            if (upload.Refused.Count > 0)
                return "vz-edge eval: " + string.Join("; ", upload.Refused);
            return $"vz-edge eval: uploaded to the model registry ({upload.Sent} report(s)); " +
                $"see vz models show {evaluation.Version}";
        }
        catch (TimeoutException)
        {
            return $"vz-edge eval: no cluster answered within {UploadWait.TotalSeconds:F0} s; the report is kept " +
                "and uploaded by the next sync";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"vz-edge eval: the upload failed ({e.GetType().Name}: {e.Message}); the report is kept and " +
                "uploaded by the next sync";
        }
    }
}
