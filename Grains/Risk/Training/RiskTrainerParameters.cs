using System.Collections.Immutable;
using System.Globalization;

namespace VisionZero.Grains.Risk.Training;

/// <summary>The boosted trees' knobs: what tuning searches over and what the registry records.</summary>
public sealed record RiskTrainerParameters(
    int Trees = 200, int Leaves = 24, double LearningRate = 0.08, int MinimumExamplesPerLeaf = 40)
{
    public ImmutableDictionary<string, string> ToDictionary() => ImmutableDictionary<string, string>.Empty
        .Add("trees", Trees.ToString(CultureInfo.InvariantCulture))
        .Add("leaves", Leaves.ToString(CultureInfo.InvariantCulture))
        .Add("learningRate", LearningRate.ToString("R", CultureInfo.InvariantCulture))
        .Add("minimumExamplesPerLeaf", MinimumExamplesPerLeaf.ToString(CultureInfo.InvariantCulture));

    /// <summary>A random point of the tuning search space.</summary>
    public static RiskTrainerParameters Sample(Random random) => new(
        Trees: random.Next(60, 401),
        Leaves: random.Next(8, 65),
        LearningRate: Math.Round(Math.Exp(random.NextDouble() * (Math.Log(0.25) - Math.Log(0.02)) + Math.Log(0.02)), 4),
        MinimumExamplesPerLeaf: random.Next(10, 201));
}
