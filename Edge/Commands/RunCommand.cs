using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using VisionZero.Edge.Answer;
using VisionZero.Edge.Area;
using VisionZero.Edge.Gps;

namespace VisionZero.Edge.Commands;

/// <summary>
/// vz-edge (run): answers each GPS fix from the local copy, one line (or JSON) per fix, while syncing with the
/// grid in the background; with no --replay it serves the loopback endpoint until stopped.
/// </summary>
public static class RunCommand
{
    private static readonly Option<string?> Replay = new("--replay")
    {
        Description = "GPS fixes to answer: an NMEA, GPX or CSV file, a serial device, or - for NMEA on stdin",
    };

    private static readonly Option<double> Speed = new("--speed")
    {
        Description = "Replay speed: 1 real time, N times faster, 0 as fast as possible (a device: 0)",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int> Http = new("--http")
    {
        Description = $"Port of the loopback endpoint (GET /risk, /status); 0 = none",
        DefaultValueFactory = _ => EdgeSettings.DefaultHttpPort,
    };

    private static readonly Option<double> Near = new("--near")
    {
        Description = "Radius of 'the area you are in', metres",
        DefaultValueFactory = _ => RiskLookup.DefaultRadiusM,
    };

    public static void Configure(RootCommand root)
    {
        foreach (var option in new Option[] { Replay, Speed, Http, Near })
            root.Options.Add(option);
        root.SetAction(RunAsync);
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var settings = EdgeOptions.Settings(result) with
        {
            HttpPort = result.GetValue(Http),
            NearRadiusM = result.GetValue(Near),
        };
        using var logging = EdgeOptions.Logging(result);
        await using var edge = new EdgeRuntime(settings, logging);
        edge.Start();
        var log = logging.CreateLogger("vz-edge");
        log.LogInformation("vz-edge {Device}: model {Version}, {Corners} corners of {Area} on disk; endpoint {Http}",
            edge.DeviceId, edge.Grid.Model?.Version, edge.Grid.View.Corners.Count, edge.Area.Current,
            edge.HttpAddress?.ToString() ?? "off");
        if (result.GetValue(Replay) is not { } trace)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        }
        var json = result.GetValue(EdgeOptions.Json);
        var fixes = edge.Filter.AcceptAsync(TraceFiles.ReadAsync(trace, cancellationToken), cancellationToken);
        var replay = new TraceReplay(trace == TraceFiles.StandardInput ? 0 : result.GetValue(Speed));
        try
        {
            await foreach (var fix in replay.ReplayAsync(fixes, cancellationToken))
            {
                var answer = edge.Answer(fix);
                Console.Out.WriteLine(json ? EdgeJson.Serialize(answer) : AnswerLine.Format(answer));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (TraceFileException e)
        {
            Console.Error.WriteLine($"vz-edge: {e.Message}");
            return 2;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vz-edge: {edge.Filter.Counts}"));
        return 0;
    }
}
