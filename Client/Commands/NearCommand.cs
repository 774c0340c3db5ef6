using System.CommandLine;
using System.Globalization;
using VisionZero.Client.Output;
using VisionZero.Api;
using VisionZero.CrashData;
using VisionZero.Grid;

namespace VisionZero.Client.Commands;

/// <summary>vz near LAT LON : the intersections around a GPS position, nearest first.</summary>
public static class NearCommand
{
    public const double MaxRadiusM = 2_000;

    public static Command Create()
    {
        var latitude = new Argument<string>("LAT") { Description = "Latitude, e.g. 40.6089" };
        var longitude = new Argument<string>("LON") { Description = "Longitude, e.g. -73.9307" };
        var radius = new Option<double>("--radius-m")
        {
            Description = $"Radius in metres (1 to {MaxRadiusM:F0})",
            DefaultValueFactory = _ => 250,
        };
        var asOf = CommonOptions.AsOf();
        var json = CommonOptions.Json();
        var command = new Command("near", "Intersections near a latitude/longitude")
        {
            latitude,
            longitude,
            radius,
            asOf,
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var lat = Coordinate(result.GetValue(latitude)!, "LAT");
            var lon = Coordinate(result.GetValue(longitude)!, "LON");
            if (!NycBounds.Contains(lat, lon))
                throw new UserInputException($"({lat}, {lon}) is outside New York City " +
                    $"(latitude {NycBounds.MinLatitude}..{NycBounds.MaxLatitude}, " +
                    $"longitude {NycBounds.MinLongitude}..{NycBounds.MaxLongitude})");
            var radiusM = result.GetValue(radius);
            if (radiusM is <= 0 or > MaxRadiusM || double.IsNaN(radiusM))
                throw new UserInputException($"--radius-m must be between 1 and {MaxRadiusM:F0}, not {radiusM}");
            var day = CommonOptions.ParseAsOf(result.GetValue(asOf));
            await using var connection = await CommonOptions.ConnectAsync(result, cancellationToken);
            var near = await connection.Client.GetGrain<IGridQueryGrain>(0).Near(lat, lon, radiusM, day);
            if (result.GetValue(json))
                JsonOutput.Write(near.Select(n => IntersectionJson.From(n.Intersection, n.DistanceM)));
            else
                IntersectionTable.Write(
                    CliOutput.Stdout(), [.. near.Select(n => n.Intersection)], [.. near.Select(n => n.DistanceM)]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static double Coordinate(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UserInputException($"{name} must be a number, not '{text}'");
}
