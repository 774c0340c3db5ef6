using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisionZero.Grains.Jobs;
using VisionZero.Grid;
using VisionZero.Ingest;
using VisionZero.Silo.Jobs;

namespace VisionZero.Silo.Hosting;

/// <summary>
/// Loads the bundled sample (real NYC data, see SampleData/README.md) once the silo is up, through the
/// same ingest path as `vz ingest`, so the run command shows a live grid with nothing installed.
/// </summary>
public sealed class SampleDataLoader(
    IGrainFactory grains, IGridJobQueue jobs, IHostApplicationLifetime lifetime, ILogger<SampleDataLoader> logger)
    : BackgroundService
{
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "SampleData");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStarted(stoppingToken);
        var files = Directory.Exists(SampleDirectory)
            ? Directory.GetFiles(SampleDirectory, "*.csv.gz").Order().ToArray()
            : [];
        if (files.Length == 0)
        {
            logger.LogWarning("No sample data found in {Directory}", SampleDirectory);
            return;
        }
        var ingestor = new CrashFileIngestor(grains);
        foreach (var file in files)
        {
            var summary = await ingestor.IngestFileAsync(
                file, DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken: stoppingToken);
            Console.WriteLine(
                $"Sample loaded: {Path.GetFileName(file)}: {summary.Accepted:N0} crashes at " +
                $"{summary.IntersectionsTouched:N0} intersections ({summary.Rejected:N0} rejected, " +
                $"{summary.Unmatched:N0} unmatched).");
        }
        var asOf = await grains.GetGrain<IDataClockGrain>(0).GetAsOf();
        Console.WriteLine($"Grid ready as of {asOf:yyyy-MM-dd}. Try: dotnet run --project Client -- top --k 10");
        if (await FirstModel.RequestIfNoneAsync(grains, jobs, logger) is { } job)
            Console.WriteLine(
                $"Training the first risk model from the sample (job {job}); " +
                "risk classes appear when it is promoted.");
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled());
        return started.Task;
    }
}
