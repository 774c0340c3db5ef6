using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Store;
using VisionZero.Edge.Sync;

namespace VisionZero.Edge.Commands;

/// <summary>
/// vz-edge sync: connects, brings the copy up to date once (model and area), prints what moved, and exits;
/// how a device is provisioned before it goes out, and how the sync is measured.
/// </summary>
public static class SyncCommand
{
    private static readonly Option<int> Wait = new("--wait")
    {
        Description = "Seconds to wait for the cluster to answer",
        DefaultValueFactory = _ => 60,
    };

    public static Command Create()
    {
        var command = new Command("sync", "Sync the copy once with the cluster, then exit") { Wait };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var settings = EdgeOptions.Settings(result);
        if (settings.Area.Pending)
            throw new ArgumentException("sync needs an area: --center LAT,LON [--radius M], --borough or --ids");
        using var logging = EdgeOptions.Logging(result);
        using var grid = new EdgeGrid(EdgeStore.Open(Path.Combine(settings.DataFolder, "edge.db")));
        await using var link = ClusterLink.Create(settings.Gateway, settings.Postgres, logging, settings.ClusterId);
        link.Start();
        IClusterClient client;
        try
        {
            client = await link.Connected.WaitAsync(TimeSpan.FromSeconds(result.GetValue(Wait)), cancellationToken);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"vz-edge: no cluster answered within {result.GetValue(Wait)} s");
            return 3;
        }
        var clock = Stopwatch.StartNew();
        var version = await new ModelSync(client, grid).RunAsync();
        var area = await new AreaSync(client, grid).RunAsync(settings.Area, cancellationToken);
        var summary = new SyncSummary(settings.Area.ToString(), area.Corners, area.Changed, area.Gone, version,
            grid.AsOf, Math.Round(clock.Elapsed.TotalSeconds, 3), grid.Refusal);
        Console.Out.WriteLine(result.GetValue(EdgeOptions.Json) ? EdgeJson.Serialize(summary) : summary.ToString());
        return grid.Refusal is null ? 0 : 1;
    }

    private sealed record SyncSummary(string Area, int Corners, int Changed, int Gone, int? ModelVersion,
        DateOnly? AsOf, double Seconds, string? ModelRefused)
    {
        public override string ToString() =>
            $"synced {Area}: {Corners} corners ({Changed} changed, {Gone} gone), model " +
            $"{ModelVersion?.ToString() ?? "none"}, as of {AsOf?.ToString("yyyy-MM-dd") ?? "-"}, in {Seconds} s" +
            (ModelRefused is null ? "" : $"; refused: {ModelRefused}");
    }
}
