using System.Text;
using VisionZero.Edge.Area;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>A crash export (the primary file's header) with one new crash at each corner, on one day.</summary>
internal static class NewCrashes
{
    public static MemoryStream Csv(IReadOnlyList<CornerCopy> corners, DateOnly day, long firstCollisionId)
    {
        var header = File.ReadLines(SharedData.Crashes(SharedData.Primary)).First();
        var csv = new StringBuilder(header).Append('\n');
        var id = firstCollisionId;
        foreach (var corner in corners)
        {
            var streets = corner.Name.Split(" & ");
            var (lat, lon) = (corner.Latitude!.Value, corner.Longitude!.Value);
            csv.Append(FormattableString.Invariant(
                $"{day:MM/dd/yyyy},08:15,{corner.Borough},,{lat:F6},{lon:F6},\"({lat:F6}, {lon:F6})\","));
            csv.Append($"{streets[0]},{streets.ElementAtOrDefault(1)},,1,0,0,0,0,0,1,0,Unspecified,,,,,")
                .Append($"{id++},Sedan,,,,\n");
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
    }
}
