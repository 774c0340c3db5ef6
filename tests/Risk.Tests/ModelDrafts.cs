using System.Collections.Immutable;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Risk.Tests;

/// <summary>
/// Drafts with every kind of field the registry has to keep: dates, arrays, a dictionary, enums, NaN.
/// </summary>
public static class ModelDrafts
{
    public static ModelDraft Sample(string trainer = "FastTreeTweedie") => new(
        new DateOnly(2013, 7, 1),
        new DateOnly(2024, 12, 31),
        ["crashes_5y", "injuries_5y", "pedestrians_killed_5y", "borough"],
        trainer,
        ImmutableDictionary<string, string>.Empty
            .Add("NumberOfTrees", "200")
            .Add("LearningRate", "0.05")
            .Add("Seed", "42"),
        new RiskThresholds([0.5, 1.5, 2.5, 4.5]),
        [
            new BacktestReport(new DateOnly(2023, 6, 30), 41_234, 9_876,
                [
                    Result("model", 0.123456789012345678, 1.0 / 3),
                    Result("last-half-year", double.NaN, double.PositiveInfinity),
                ]),
            new BacktestReport(new DateOnly(2023, 12, 31), 41_500, 10_002, [Result("model", 1e-12, 0.97)]),
        ],
        123_456,
        3,
        Drift: new DriftReference(new DateOnly(2019, 1, 1), new DateOnly(2024, 6, 1), 50_000,
            [new DriftBins("crashes_5y", [1, 3, 7.5], [0.4, 0.3, 0.2, 0.1]), new DriftBins("borough", [], [1])],
            new DriftBins("prediction", [0.125, 0.25], [0.3, 0.3, 0.4])));

    /// <summary>An edge's report on a version: dates, an instant, nested arrays, enums and a nullable field.</summary>
    public static EdgeEvaluation Evaluation(int version, string device, DateOnly cutoff, DateTimeOffset at) => new(
        version, device, at, cutoff, cutoff.AddDays(200), "borough BROOKLYN", 506, 408, Result("model", 0.445, 0.93),
        new EdgePerformance(10_000, 16.9, 44.5, 83_869_696, 4_459_040, 38.25, "linux-arm64", 171.0));

    private static BacktestResult Result(string name, double macroF1, double calibration) => new(
        name, 0.071, 0.25, 0.4, macroF1, 0.61, 0.83, 1.234, calibration,
        [.. Enum.GetValues<RiskClass>()
            .Select(c => new ClassScore(c, 0.5 + (int)c / 10.0, 0.4, 0.44, 1000 * ((int)c + 1)))],
        [.. Enumerable.Range(0, RiskThresholds.ClassCount)
            .Select(a => Enumerable.Range(0, RiskThresholds.ClassCount)
                .Select(p => a == p ? 900 + a : a * 10 + p)
                .ToImmutableArray())]);

    /// <summary>
    /// Field by field, arrays as plain arrays: the records hold ImmutableArrays, whose own equality
    /// (which xUnit prefers) is by reference.
    /// </summary>
    public static void AssertSame(ModelDraft expected, ModelDraft actual)
    {
        Assert.Equal(expected.TrainedFrom, actual.TrainedFrom);
        Assert.Equal(expected.TrainedTo, actual.TrainedTo);
        Assert.Equal(expected.Features.ToArray(), actual.Features.ToArray());
        Assert.Equal(expected.Trainer, actual.Trainer);
        Assert.Equal(
            expected.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal),
            actual.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Thresholds.Cuts.ToArray(), actual.Thresholds.Cuts.ToArray());
        Assert.Equal(expected.TrainingRows, actual.TrainingRows);
        Assert.Equal(expected.FeatureSchema, actual.FeatureSchema);
        Assert.Equal(expected.Drift is null, actual.Drift is null);
        if (expected.Drift is { } drift)
        {
            Assert.Equal((drift.From, drift.To, drift.Rows), (actual.Drift!.From, actual.Drift.To, actual.Drift.Rows));
            var bins = drift.Features.Append(drift.Predictions).ToList();
            var actualBins = actual.Drift.Features.Append(actual.Drift.Predictions).ToList();
            Assert.Equal(bins.Select(b => (b.Name, b.Edges.ToArray(), b.Shares.ToArray())),
                actualBins.Select(b => (b.Name, b.Edges.ToArray(), b.Shares.ToArray())));
        }
        Assert.Equal(expected.Backtests.Length, actual.Backtests.Length);
        foreach (var (e, a) in expected.Backtests.Zip(actual.Backtests))
        {
            Assert.Equal((e.Cutoff, e.Intersections, e.FutureCrashes), (a.Cutoff, a.Intersections, a.FutureCrashes));
            Assert.Equal(e.Results.Length, a.Results.Length);
            foreach (var (er, ar) in e.Results.Zip(a.Results))
            {
                Assert.Equal(er with { Classes = [], Confusion = [] }, ar with { Classes = [], Confusion = [] });
                Assert.Equal(er.Classes.ToArray(), ar.Classes.ToArray());
                Assert.Equal(er.Confusion.Length, ar.Confusion.Length);
                foreach (var (row, actualRow) in er.Confusion.Zip(ar.Confusion))
                    Assert.Equal(row.ToArray(), actualRow.ToArray());
            }
        }
    }
}
