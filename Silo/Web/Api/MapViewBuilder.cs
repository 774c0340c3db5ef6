using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>Cuts the ranked grid down to what a map shows of one box.</summary>
public static class MapViewBuilder
{
    /// <summary>Cells across the box when it holds too many corners to draw one by one.</summary>
    public const int CellsAcross = 48;

    public static MapView Build(
        ImmutableArray<IntersectionSnapshot> grid, double west, double south, double east, double north, int max)
    {
        var inBox = new List<IntersectionSnapshot>();
        foreach (var s in grid)
            if (s.Latitude is { } lat && s.Longitude is { } lon
                && lat >= south && lat <= north && lon >= west && lon <= east)
                inBox.Add(s);
        var asOf = grid.IsEmpty ? null : grid[0].AsOf.ToString("yyyy-MM-dd");
        var model = grid.IsEmpty ? null : grid[0].Risk?.ModelVersion;
        if (inBox.Count <= max)
            return new MapView(asOf, model, inBox.Count, "corners",
                [.. inBox.Select(s => new MapCorner(s.Id, s.Name, s.Latitude!.Value, s.Longitude!.Value, Class(s),
                    Expected(s)))], []);
        var size = Math.Max((east - west) / CellsAcross, (north - south) / CellsAcross);
        var cells = inBox
            .GroupBy(s => ((int)Math.Floor((s.Latitude!.Value - south) / size),
                (int)Math.Floor((s.Longitude!.Value - west) / size)))
            .Select(g => new MapCell(
                Math.Round(g.Average(s => s.Latitude!.Value), 5),
                Math.Round(g.Average(s => s.Longitude!.Value), 5),
                g.Count(),
                g.Max(Class),
                Math.Round(g.Sum(Expected), 2)))
            .ToList();
        return new MapView(asOf, model, inBox.Count, "cells", [], cells);
    }

    private static int? Class(IntersectionSnapshot s) => s.Risk is { } risk ? (int)risk.RiskClass : null;

    private static double Expected(IntersectionSnapshot s) =>
        Math.Round(s.Risk?.RiskScore ?? s.OneYear.Crashes, 3);
}
