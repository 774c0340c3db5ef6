using System.Collections.Immutable;
using VisionZero.Grid;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Client.Tests;

/// <summary>Realistic rows: long NYC corner names, every risk class, every borough, multi-digit counts.</summary>
public static class SampleRows
{
    public static readonly DateOnly AsOf = new(2024, 6, 30);

    public static readonly IReadOnlyList<string> Names =
    [
        "FLATLANDS AVENUE & EAST 80 STREET",
        "QUEENS BOULEVARD & WOODHAVEN BOULEVARD",
        "ATLANTIC AVENUE & PENNSYLVANIA AVENUE",
        "HYLAN BOULEVARD & RICHMOND AVENUE",
        "BRUCKNER BOULEVARD & EAST 138 STREET",
        "WEST 42 STREET & 8 AVENUE",
    ];

    private static readonly string[] Boroughs =
        ["BROOKLYN", "QUEENS", "BROOKLYN", "STATEN ISLAND", "BRONX", "MANHATTAN"];

    public static IReadOnlyList<IntersectionSnapshot> Snapshots(IReadOnlyList<string>? names = null) =>
        [.. (names ?? Names).Select((name, i) => Snapshot(name, Boroughs[i % Boroughs.Length], i))];

    public static IReadOnlyList<double> Distances(int count) =>
        [.. Enumerable.Range(0, count).Select(i => 12.4 + 231.7 * i)];

    public static BacktestReport Backtest() => new(new DateOnly(2023, 12, 31), 41_862, 17_305,
    [
        Result("model", 0.412, 1.872),
        Result("last-6m", 0.301, 2.404),
        Result("last-1y", 0.327, 2.251),
        Result("last-5y", 0.356, 2.118),
        Result("forest", 0.389, 11.963),
    ]);

    private static IntersectionSnapshot Snapshot(string name, string borough, int i)
    {
        var riskClass = (RiskClass)(4 - i % 5);
        var probabilities = ImmutableArray.Create(0.05, 0.1, 0.15, 0.2, 0.5);
        return new IntersectionSnapshot(
            name.ToLowerInvariant().Replace(' ', '-'), name, 40.6 + i / 100.0, -73.9, borough, AsOf,
            Window(182, 7 + i, i), Window(365, 19 + i, 4 * i), Window(1826, 118 + 3 * i, 2),
            TotalCrashes: 240 + i, LastCrashDate: AsOf.AddDays(-i),
            Risk: new RiskAssessment(14.37 - i, riskClass, probabilities, 0.87 - i / 10.0, ModelVersion: 12));
    }

    private static WindowCounts Window(int days, int crashes, int injured) =>
        new(days, crashes, injured, injured % 3, injured / 2, 0, injured / 3, 0, injured / 4, injured % 3);

    private static BacktestResult Result(string name, double capture1, double deviance) => new(
        name, capture1, capture1 + 0.11, capture1 + 0.19, 0.31, 0.44, 1.206, deviance, 0.97, [], []);
}
