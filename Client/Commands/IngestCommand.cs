using System.CommandLine;
using Spectre.Console;
using VisionZero.Api;
using VisionZero.Client.Output;
using VisionZero.CrashData;
using VisionZero.Grid;
using VisionZero.Ingest;

namespace VisionZero.Client.Commands;

/// <summary>vz ingest PATH... : CSV, CSV.gz or SODA JSON exports into the grid, one run per file.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "Crash exports (CSV, CSV.gz, SODA JSON)" };
        var json = CommonOptions.Json();
        var command = new Command("ingest", "Ingest NYC crash exports into the grid") { paths, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var files = result.GetValue(paths)!;
            foreach (var file in files.Where(f => !File.Exists(f)))
                throw new UserInputException($"no such file: {file}");
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var ingestor = new CrashFileIngestor(connection.Client);
            var summaries = new List<IngestSummary>();
            foreach (var file in files)
            {
                try
                {
                    summaries.Add(result.GetValue(json)
                        ? await IngestQuietAsync(ingestor, file, cancellationToken)
                        : await IngestWithProgressAsync(ingestor, file, cancellationToken));
                }
                catch (CrashFileFormatException e)
                {
                    throw new UserInputException($"{file}: {e.Message}; {e.Outcome}");
                }
            }
            if (result.GetValue(json))
                JsonOutput.Write<object>(summaries.Count == 1 ? IngestSummaryJson.From(summaries[0]) : summaries.Select(IngestSummaryJson.From).ToList());
            else
                summaries.ForEach(IngestSummaryTable.Write);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task<IngestSummary> IngestQuietAsync(CrashFileIngestor ingestor, string file, CancellationToken ct) =>
        ingestor.IngestFileAsync(file, Today(), cancellationToken: ct);

    private static async Task<IngestSummary> IngestWithProgressAsync(CrashFileIngestor ingestor, string file, CancellationToken ct)
    {
        IngestSummary? summary = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var task = context.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: Math.Max(1, stream.Length));
            var progress = new Progress<long>(_ => task.Value = stream.CanSeek ? stream.Position : task.Value);
            summary = await ingestor.IngestAsync(stream, Path.GetFileName(file), Today(), progress, ct);
            task.Value = task.MaxValue;
        });
        return summary!;
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
