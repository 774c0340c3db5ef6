using System.CommandLine;
using Spectre.Console;
using VisionZero.Api;
using VisionZero.Client.Lifetime;
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
        var paths = new Argument<string[]>("PATH")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Crash exports (CSV, CSV.gz, SODA JSON)",
        };
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
            foreach (var (file, index) in files.Select((f, i) => (f, i)))
            {
                var sent = new RowsSent();
                CommandStop.Current.LeavingBehind(lost => LeftBehind(file, sent.Rows, lost, files[(index + 1)..]));
                try
                {
                    summaries.Add(result.GetValue(json)
                        ? await ingestor.IngestAsync(Open(file), Path.GetFileName(file), Today(), sent,
                            cancellationToken)
                        : await IngestWithProgressAsync(ingestor, file, sent, cancellationToken));
                }
                catch (CrashFileFormatException e)
                {
                    throw new UserInputException($"{file}: {e.Message}; {e.Outcome}");
                }
            }
            CommandStop.Current.LeavingBehind(null);
            if (result.GetValue(json))
            {
                JsonOutput.Write<object>(summaries.Count == 1
                    ? IngestSummaryJson.From(summaries[0])
                    : summaries.Select(IngestSummaryJson.From).ToList());
            }
            else
            {
                // One output for every file: the --json hint is given once.
                var output = CliOutput.Stdout();
                summaries.ForEach(summary => IngestSummaryTable.Write(output, summary));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IngestSummary> IngestWithProgressAsync(CrashFileIngestor ingestor, string file,
        RowsSent sent, CancellationToken ct)
    {
        IngestSummary? summary = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var stream = Open(file);
            // A pipe has no length: its bar only fills at the end.
            var length = stream.CanSeek ? Math.Max(1, stream.Length) : 1;
            var task = context.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: length);
            var progress = new RowsSent(rows =>
            {
                sent.Report(rows);
                task.Value = stream.CanSeek ? stream.Position : task.Value;
            });
            summary = await ingestor.IngestAsync(stream, Path.GetFileName(file), Today(), progress, ct);
            task.Value = task.MaxValue;
        });
        return summary!;
    }

    private static CancellableReadStream Open(string file) =>
        new(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false));

    /// <summary>What an ingest stopped by a signal or a lost cluster leaves, and how to finish it.</summary>
    private static string LeftBehind(string file, long rows, bool clusterLost, string[] notStarted)
    {
        var name = Path.GetFileName(file);
        // Rows are counted once a batch is on its way: at 0, the run may just have started.
        var stopped = rows == 0
            ? $"the ingest of {name} stopped early"
            : $"the ingest of {name} stopped after reading {rows:N0} rows";
        var text = clusterLost
            ? $"{stopped}; the cluster marks its run abandoned in the ingest ledger once it notices, " +
              "and ingesting the file again completes it"
            : $"{stopped}; its run is abandoned in the ingest ledger (\"cancelled by the sender\"), " +
              "and ingesting the file again completes it";
        return notStarted.Length == 0
            ? text
            : $"{text}; not started: {string.Join(", ", notStarted.Select(Path.GetFileName))}";
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
